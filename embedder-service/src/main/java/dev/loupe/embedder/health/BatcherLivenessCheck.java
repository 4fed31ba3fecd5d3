package dev.loupe.embedder.health;

import dev.loupe.embedder.model.ModelRegistry;
import dev.loupe.embedder.model.ServedModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while every loaded model's batch workers run: a dead worker would leave requests waiting
 * forever, which only a restart fixes. A model still loading does not make the service dead.
 */
@Liveness
@ApplicationScoped
public class BatcherLivenessCheck implements HealthCheck {

    private final ModelRegistry models;

    BatcherLivenessCheck(ModelRegistry models) {
        this.models = models;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("batchers");
        boolean live = true;
        for (ServedModel model : models.ready()) {
            boolean running = model.isRunning();
            response.withData(model.id(), running ? "running" : "stopped");
            live &= running;
        }
        return response.status(live).build();
    }
}
