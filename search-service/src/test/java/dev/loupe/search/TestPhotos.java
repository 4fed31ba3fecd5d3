package dev.loupe.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The 18 golden photos (copied from the encoders' reference set into {@code photos/}) with the ids and
 * metadata the test fixture indexes them under.
 */
public final class TestPhotos {

    /** One photo of the fixture. */
    public record Photo(String file, String id, String title, List<String> tags, String source, Instant takenAt) {}

    /** The 18 photos: 10 Caltech objects, 6 Flickr scenes, 2 Tux drawings (ids with a '/'). */
    public static final List<Photo> ALL = photos();

    /** The photo least like any other under the test model (max cosine to another 0.9875). */
    public static final String MOST_DISTINCT = "flickr_1947351225_288d788983.jpg";

    /** A drawing whose id holds a '/', to exercise percent-encoded ids in paths. */
    public static final String SLASHED_ID = "drawings/tux_a.png";

    /** The test model, bundled with the repository. */
    public static final String MODEL = "clip-tiny-random";

    public static final int DIMENSIONS = 16;

    private TestPhotos() {}

    public static byte[] bytes(String file) {
        try (InputStream in = TestPhotos.class.getResourceAsStream("/photos/" + file)) {
            if (in == null) {
                throw new IllegalStateException("test photo " + file + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Photo byId(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    public static String mediaType(String file) {
        return file.endsWith(".png") ? "image/png" : "image/jpeg";
    }

    /** The repository's models directory, found upwards from the working directory. */
    public static Path modelsDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("models").resolve(MODEL);
            if (Files.isDirectory(candidate)) {
                return candidate.getParent();
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "no models/" + MODEL + " above " + Path.of("").toAbsolutePath());
    }

    private static List<Photo> photos() {
        List<String> files = Arrays.asList(
                "caltech_Faces_easy.jpg",
                "caltech_accordion.jpg",
                "caltech_airplanes.jpg",
                "caltech_camera.jpg",
                "caltech_chair.jpg",
                "caltech_dalmatian.jpg",
                "caltech_pizza.jpg",
                "caltech_sunflower.jpg",
                "caltech_watch.jpg",
                "caltech_yin_yang.jpg",
                "flickr_1015584366_dfcec3c85a.jpg",
                "flickr_124195430_d14028660f.jpg",
                "flickr_1403414927_5f80281505.jpg",
                "flickr_1562478713_505ab6d924.jpg",
                "flickr_1947351225_288d788983.jpg",
                "flickr_2085078076_b9db242d21.jpg",
                "tux_a.png",
                "tux_b.png");
        List<Photo> out = new ArrayList<>();
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < files.size(); i++) {
            String file = files.get(i);
            Instant takenAt = base.plusSeconds(86_400L * i);
            if (file.startsWith("caltech_")) {
                String object = file.substring("caltech_".length(), file.lastIndexOf('.'))
                        .toLowerCase(Locale.ROOT)
                        .replace('_', ' ');
                out.add(new Photo(file, file, "A " + object, List.of("caltech", object), "caltech", takenAt));
            } else if (file.startsWith("flickr_")) {
                out.add(new Photo(file, file, "Flickr scene " + i, List.of("flickr", "scene"), "flickr", takenAt));
            } else {
                out.add(new Photo(
                        file,
                        "drawings/" + file,
                        "Tux " + file.charAt(4),
                        List.of("tux", "drawing"),
                        "drawing",
                        takenAt));
            }
        }
        return List.copyOf(out);
    }
}
