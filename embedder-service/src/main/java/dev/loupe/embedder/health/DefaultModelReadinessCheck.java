package dev.loupe.embedder.health;

import dev.loupe.embedder.model.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the default model is loaded; reports every model's state as data. */
@Readiness
@ApplicationScoped
public class DefaultModelReadinessCheck implements HealthCheck {

    private final ModelRegistry models;

    DefaultModelReadinessCheck(ModelRegistry models) {
        this.models = models;
    }

    @Override
    public HealthCheckResponse call() {
        String defaultId = models.defaultId();
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("default-model").withData("default", String.valueOf(defaultId));
        boolean ready = false;
        for (var entry : models.states().entrySet()) {
            response.withData(entry.getKey(), describe(entry.getValue()));
            if (entry.getKey().equals(defaultId) && entry.getValue() instanceof ModelRegistry.State.Ready) {
                ready = true;
            }
        }
        return response.status(ready).build();
    }

    private static String describe(ModelRegistry.State state) {
        return switch (state) {
            case ModelRegistry.State.Loading loading -> "loading";
            case ModelRegistry.State.Ready ready ->
                "ready (" + ready.model().info().dimensions() + " dimensions, "
                        + ready.model().info().executionProvider().name().toLowerCase(Locale.ROOT) + ")";
            case ModelRegistry.State.Failed failed -> "failed: " + failed.reason();
        };
    }
}
