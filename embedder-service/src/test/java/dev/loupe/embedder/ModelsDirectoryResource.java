package dev.loupe.embedder;

import dev.loupe.encoders.TestBundles;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the packaged service at the repository's {@code models} directory (which holds the
 * random-weight test model), wherever the launcher's working directory is.
 */
public class ModelsDirectoryResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("loupe.embedder.models-dir", TestBundles.MODELS_DIR.toString());
    }

    @Override
    public void stop() {}
}
