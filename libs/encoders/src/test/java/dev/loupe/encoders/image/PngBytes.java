package dev.loupe.encoders.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes PNG files chunk by chunk, for the layouts ImageIO's writer cannot produce on demand (16-bit,
 * 4-bit palettes, transparency chunks) and for headers that lie about the size.
 */
final class PngBytes {

    static final int GREY = 0;
    static final int RGB = 2;
    static final int PALETTE = 3;
    static final int GREY_ALPHA = 4;
    static final int RGBA = 6;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private PngBytes(int width, int height, int bitDepth, int colourType) {
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put((byte) bitDepth)
                        .put((byte) colourType)
                        .put(new byte[3]) // deflate, adaptive filtering, no interlace
                        .array());
    }

    static PngBytes header(int width, int height, int bitDepth, int colourType) {
        return new PngBytes(width, height, bitDepth, colourType);
    }

    /** A PLTE chunk from packed {@code 0xRRGGBB} colours. */
    PngBytes palette(int... colours) {
        byte[] data = new byte[colours.length * 3];
        for (int i = 0; i < colours.length; i++) {
            data[3 * i] = (byte) (colours[i] >> 16);
            data[3 * i + 1] = (byte) (colours[i] >> 8);
            data[3 * i + 2] = (byte) colours[i];
        }
        return chunk("PLTE", data);
    }

    PngBytes transparency(byte... alphas) {
        return chunk("tRNS", alphas);
    }

    /** The image data: each row's bytes (already packed at the bit depth), filter type 0. */
    PngBytes rows(byte[]... rows) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (byte[] row : rows) {
            raw.write(0);
            raw.writeBytes(row);
        }
        Deflater deflater = new Deflater();
        deflater.setInput(raw.toByteArray());
        deflater.finish();
        byte[] buffer = new byte[raw.size() + 1024];
        int length = deflater.deflate(buffer);
        deflater.end();
        byte[] compressed = new byte[length];
        System.arraycopy(buffer, 0, compressed, 0, length);
        return chunk("IDAT", compressed);
    }

    byte[] end() {
        chunk("IEND", new byte[0]);
        return out.toByteArray();
    }

    private PngBytes chunk(String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return this;
    }
}
