package dev.loupe.search.health;

import dev.loupe.search.encoder.QueryEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the query encoder's batch workers run: a dead worker leaves queries waiting forever. */
@Liveness
@ApplicationScoped
public class EncoderLivenessCheck implements HealthCheck {

    private final QueryEncoder encoder;

    EncoderLivenessCheck(QueryEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public HealthCheckResponse call() {
        boolean running = encoder.isRunning();
        return HealthCheckResponse.named("query-encoder")
                .withData(encoder.info().modelId(), running ? "running" : "stopped")
                .status(running)
                .build();
    }
}
