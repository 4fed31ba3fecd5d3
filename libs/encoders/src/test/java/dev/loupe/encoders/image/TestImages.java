package dev.loupe.encoders.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.imageio.ImageIO;

/** Builds and loads the small images the image tests decode. */
final class TestImages {

    private TestImages() {}

    /** A test resource under {@code formats/}. */
    static byte[] resource(String name) {
        try (InputStream in = TestImages.class.getClassLoader().getResourceAsStream("formats/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: formats/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pillow's {@code convert("RGB")} of a resource, stored beside it as {@code <name>.rgb}. */
    static int[] pillowRgb(String name) {
        byte[] bytes = resource(name + ".rgb");
        int[] rgb = new int[bytes.length / 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (bytes[3 * i] & 0xFF) << 16 | (bytes[3 * i + 1] & 0xFF) << 8 | (bytes[3 * i + 2] & 0xFF);
        }
        return rgb;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException(
                        "no ImageIO writer for " + format + " and image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The pixels of a {@link BufferedImage#TYPE_INT_RGB} image, row by row. */
    static int[] pixels(BufferedImage rgb) {
        return ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
    }

    /** Fills an image with a pattern that differs in every pixel and channel. */
    static BufferedImage pattern(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0xFF000000 | (x * 6) << 16 | (y * 8) << 8 | ((x + y) * 3 & 0xFF));
            }
        }
        return image;
    }

    /**
     * Inserts an EXIF APP1 segment right after the JPEG's SOI marker, with a single IFD0 entry: the
     * orientation, as a SHORT in the given byte order.
     */
    static byte[] withExifOrientation(byte[] jpeg, int orientation, ByteOrder order) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(order);
        tiff.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
        tiff.putShort((short) 42).putInt(8); // magic, offset of IFD0
        tiff.putShort((short) 1); // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1); // Orientation, SHORT, count 1
        tiff.putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0); // no next IFD
        return withApp1(jpeg, tiff.array());
    }

    /** Inserts an APP1 segment holding {@code Exif\0\0} and the given TIFF bytes after SOI. */
    static byte[] withApp1(byte[] jpeg, byte[] tiff) {
        int length = 2 + 6 + tiff.length;
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
        out.put(jpeg, 0, 2); // SOI
        out.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length);
        out.put(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.put(tiff);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }
}
