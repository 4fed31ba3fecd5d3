package dev.loupe.search;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An empty data directory and the settings of {@code ./loupe run}: the repository's models and demo
 * folder, the demo import on, loopback only.
 */
public class StandaloneDemoResource implements QuarkusTestResourceLifecycleManager {

    private Path dataDir;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("loupe-standalone-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path repository = TestPhotos.modelsDir().getParent();
        return Map.of(
                "loupe.data-dir", dataDir.toString(),
                "loupe.models-dir", TestPhotos.modelsDir().toString(),
                "loupe.imports.roots", repository.resolve("demo").toString(),
                "loupe.demo.path", repository.resolve("demo/photos").toString(),
                "loupe.demo.import-on-start", "true",
                "quarkus.http.host", "127.0.0.1");
    }

    @Override
    public void stop() {
        TestDirectories.delete(dataDir);
    }
}
