package dev.loupe.embedder;

import dev.loupe.encoders.TestBundles;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Real photos from the golden set, and crafted bad images. */
public final class TestImages {

    /** The 18 golden images, in golden.json's order (16 JPEG photos, 2 PNGs). */
    public static final List<String> GOLDEN = goldenFiles();

    private TestImages() {}

    public static byte[] golden(String file) {
        return TestBundles.goldenImage(file);
    }

    /** A real JPEG cut after its first third: the header parses, the entropy-coded data ends early. */
    public static byte[] truncatedJpeg() {
        byte[] jpeg = golden("caltech_dalmatian.jpg");
        return Arrays.copyOf(jpeg, jpeg.length / 3);
    }

    public static byte[] html() {
        return "<!doctype html><html><head><title>Not an image</title></head><body><p>hello</p></body></html>"
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] text() {
        return "just some words in a text file, not an image\n".getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> goldenFiles() {
        List<String> files = new java.util.ArrayList<>();
        TestBundles.golden()
                .get("images")
                .forEach(image -> files.add(image.get("file").asText()));
        return List.copyOf(files);
    }
}
