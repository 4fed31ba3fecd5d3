package dev.loupe.search.health;

import dev.loupe.search.encoder.EncoderInfo;
import dev.loupe.search.encoder.QueryEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the query encoder's batch workers run: a dead worker leaves queries waiting forever. A
 * remote encoder (distributed) has no workers and is always live: liveness never follows a dependency,
 * or every replica would be restarted while embedder-service is down.
 */
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
        String model = encoder.knownInfo().map(EncoderInfo::modelId).orElse("embedder-service");
        return HealthCheckResponse.named("query-encoder")
                .withData(model, running ? "running" : "stopped")
                .status(running)
                .build();
    }
}
