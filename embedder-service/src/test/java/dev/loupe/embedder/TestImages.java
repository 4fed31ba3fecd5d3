package dev.loupe.embedder;

import dev.loupe.encoders.TestBundles;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

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

    /**
     * A PNG whose header claims {@code width × height} RGB pixels, with a correct IHDR CRC, a tiny IDAT
     * and IEND: a decompression bomb must be refused from the header alone.
     */
    public static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8) // bit depth
                .put((byte) 2) // colour type: RGB
                .put((byte) 0) // compression: deflate
                .put((byte) 0) // filter method
                .put((byte) 0); // no interlace
        chunk(png, "IHDR", header.array());
        chunk(png, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static List<String> goldenFiles() {
        List<String> files = new java.util.ArrayList<>();
        TestBundles.golden()
                .get("images")
                .forEach(image -> files.add(image.get("file").asText()));
        return List.copyOf(files);
    }
}
