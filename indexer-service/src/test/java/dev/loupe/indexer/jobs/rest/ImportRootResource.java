package dev.loupe.indexer.jobs.rest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An import root holding {@code photos/} with {@link #PHOTOS} photo files (not read while expanding)
 * and {@code photos.tsv} with one good and one refused row; small limits so that they can be exceeded.
 */
public class ImportRootResource implements QuarkusTestResourceLifecycleManager {

    static final int PHOTOS = 3;
    static final int MAX_URLS = 3;

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("loupe-import-roots");
            Path photos = Files.createDirectories(dir.resolve("root/photos/lake"));
            for (int i = 0; i < PHOTOS; i++) {
                Files.write(photos.resolve("img_" + i + ".jpg"), new byte[] {(byte) i});
            }
            Files.writeString(
                    dir.resolve("root/photos.tsv"),
                    "photo_id\tphoto_image_url\nu1\thttps://images.example/u1.jpg\nu2\tnot a url\n");
            Files.createDirectories(dir.resolve("elsewhere"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "loupe.imports.roots",
                dir.resolve("root").toString(),
                "loupe.imports.max-urls",
                Integer.toString(MAX_URLS),
                "loupe.imports.publish-batch-size",
                "2",
                "quarkus.http.host",
                "127.0.0.1");
    }

    @Override
    public void stop() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
