package dev.loupe.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Real photos from the test resources, and the bad files an import meets in the wild. */
final class TestPhotos {

    /** Real photos in src/test/resources/photos (copied from the encoders' golden images). */
    static final List<String> NAMES =
            List.of("caltech_airplanes.jpg", "caltech_chair.jpg", "caltech_watch.jpg", "flickr_dog.jpg", "tux_b.png");

    private TestPhotos() {}

    static byte[] bytes(String name) {
        return resource("photos/" + name);
    }

    static byte[] resource(String path) {
        try (InputStream in = TestPhotos.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first half of a real JPEG: an interrupted download. */
    static byte[] truncatedJpeg() {
        byte[] jpeg = bytes("caltech_chair.jpg");
        return Arrays.copyOf(jpeg, jpeg.length / 2);
    }

    static byte[] html() {
        return "<!DOCTYPE html><html><body>Please log in</body></html>".getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] text() {
        return "shopping list: apples, pears\n".getBytes(StandardCharsets.US_ASCII);
    }

    /** A PNG header claiming 60000x60000 pixels, with one row of data: a decompression bomb. */
    static byte[] pngBomb() {
        return resource("bad/bomb-60000x60000.png");
    }
}
