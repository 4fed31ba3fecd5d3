package dev.loupe.search.imports;

import dev.loupe.search.TestDirectories;
import dev.loupe.search.TestPhotos;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An empty data directory and an import root holding {@code photos/} with {@link #GOOD} decodable
 * photos in two labelled folders and {@link #BAD} files that are not images; the service is pointed at
 * them. Init arg {@code allow-private}: the value of {@code loupe.fetch.allow-private-addresses}.
 */
public class ImportRootResource implements QuarkusTestResourceLifecycleManager {

    static final int GOOD = 3;
    static final int BAD = 2;

    private Path dir;
    private boolean allowPrivate;

    @Override
    public void init(Map<String, String> initArgs) {
        allowPrivate = Boolean.parseBoolean(initArgs.getOrDefault("allow-private", "false"));
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("loupe-import-test");
            Path photos = dir.resolve("root/photos");
            copy(photos.resolve("pizza"), "caltech_pizza.jpg");
            copy(photos.resolve("pizza"), "caltech_sunflower.jpg");
            copy(photos.resolve("chair"), "caltech_chair.jpg");
            Files.write(photos.resolve("chair/broken.jpg"), new byte[] {1, 2, 3, 4, 5});
            Files.writeString(photos.resolve("notes.png"), "not a png");
            Files.createDirectories(dir.resolve("elsewhere"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "loupe.data-dir", dir.resolve("data").toString(),
                "loupe.models-dir", TestPhotos.modelsDir().toString(),
                "loupe.imports.roots", dir.resolve("root").toString(),
                "loupe.fetch.allow-private-addresses", Boolean.toString(allowPrivate),
                "quarkus.http.host", "127.0.0.1");
    }

    private static void copy(Path folder, String file) throws IOException {
        Files.createDirectories(folder);
        Files.write(folder.resolve(file), TestPhotos.bytes(file));
    }

    @Override
    public void stop() {
        TestDirectories.delete(dir);
    }
}
