package dev.loupe.encoders.quality;

import dev.loupe.encoders.TestBundles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The tiny Caltech- and Flickr-style datasets under {@code src/test/resources/quality}, and copies to spoil. */
final class MiniDatasets {

    private MiniDatasets() {}

    /** Three classes (animal, object, food), two templates, five of six images in test.txt. */
    static Path caltech() {
        return resource("quality/caltech-mini");
    }

    /** Six Flickr8k photos with their five captions each. */
    static Path flickr() {
        return resource("quality/flickr-mini");
    }

    /** Copies a dataset folder into {@code target} so that a test can break one of its files. */
    static Path copy(Path source, Path target) {
        return TestBundles.copyTree(source, target);
    }

    static void write(Path file, String... lines) {
        try {
            Files.writeString(file, String.join("\n", List.of(lines)) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resource(String name) {
        URL url = MiniDatasets.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("test resource missing: " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
