package dev.loupe.encoders.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The EXIF orientation tag (0x0112) and the transposition that makes the image upright, the same
 * as PIL's {@code ImageOps.exif_transpose}. Phone cameras store portraits sideways with tag 6 or 8.
 */
enum ExifOrientation {
    NORMAL,
    FLIP_LEFT_RIGHT,
    ROTATE_180,
    FLIP_TOP_BOTTOM,
    TRANSPOSE,
    /** Tag 6: the stored image is turned 90° counter-clockwise; shown turned 90° clockwise. */
    ROTATE_CLOCKWISE,
    TRANSVERSE,
    /** Tag 8: shown turned 90° counter-clockwise. */
    ROTATE_COUNTER_CLOCKWISE;

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final int TYPE_LONG = 4;

    /** The orientation for a tag value; values outside 1..8 mean no transposition, as in PIL. */
    static ExifOrientation of(int tagValue) {
        return tagValue >= 1 && tagValue <= 8 ? values()[tagValue - 1] : NORMAL;
    }

    /**
     * Reads the orientation from an EXIF payload (the TIFF structure after {@code Exif\0\0}); a
     * malformed payload is treated as having no orientation rather than failing the image.
     */
    static ExifOrientation read(byte[] bytes, int tiffStart, int length) {
        int end = Math.min(bytes.length, tiffStart + length);
        if (tiffStart < 0 || end - tiffStart < 8) {
            return NORMAL;
        }
        boolean littleEndian;
        if (bytes[tiffStart] == 'I' && bytes[tiffStart + 1] == 'I') {
            littleEndian = true;
        } else if (bytes[tiffStart] == 'M' && bytes[tiffStart + 1] == 'M') {
            littleEndian = false;
        } else {
            return NORMAL;
        }
        long ifd = tiffStart + unsigned32(bytes, tiffStart + 4, littleEndian);
        if (ifd + 2 > end) {
            return NORMAL;
        }
        int entries = unsigned16(bytes, (int) ifd, littleEndian);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                return NORMAL;
            }
            if (unsigned16(bytes, entry, littleEndian) == ORIENTATION_TAG) {
                int type = unsigned16(bytes, entry + 2, littleEndian);
                return switch (type) {
                    case TYPE_SHORT -> of(unsigned16(bytes, entry + 8, littleEndian));
                    case TYPE_LONG -> of((int) Math.min(Integer.MAX_VALUE, unsigned32(bytes, entry + 8, littleEndian)));
                    default -> NORMAL;
                };
            }
        }
        return NORMAL;
    }

    /** Whether the upright image has width and height swapped. */
    boolean swapsAxes() {
        return ordinal() >= TRANSPOSE.ordinal();
    }

    /**
     * @param image a {@link BufferedImage#TYPE_INT_RGB} image as stored
     * @return the upright image: {@code image} itself for {@link #NORMAL}, a new image otherwise
     */
    BufferedImage apply(BufferedImage image) {
        if (this == NORMAL) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] in = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int outW = swapsAxes() ? h : w;
        int outH = swapsAxes() ? w : h;
        BufferedImage upright = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) upright.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                // (sx, sy): where the upright pixel (x, y) is in the stored image
                int sx;
                int sy;
                switch (this) {
                    case FLIP_LEFT_RIGHT -> {
                        sx = w - 1 - x;
                        sy = y;
                    }
                    case ROTATE_180 -> {
                        sx = w - 1 - x;
                        sy = h - 1 - y;
                    }
                    case FLIP_TOP_BOTTOM -> {
                        sx = x;
                        sy = h - 1 - y;
                    }
                    case TRANSPOSE -> {
                        sx = y;
                        sy = x;
                    }
                    case ROTATE_CLOCKWISE -> {
                        sx = y;
                        sy = h - 1 - x;
                    }
                    case TRANSVERSE -> {
                        sx = w - 1 - y;
                        sy = h - 1 - x;
                    }
                    case ROTATE_COUNTER_CLOCKWISE -> {
                        sx = w - 1 - y;
                        sy = x;
                    }
                    default -> throw new AssertionError(this);
                }
                out[y * outW + x] = in[sy * w + sx];
            }
        }
        return upright;
    }

    private static int unsigned16(byte[] b, int at, boolean littleEndian) {
        return littleEndian ? (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 : (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static long unsigned32(byte[] b, int at, boolean littleEndian) {
        long lo = unsigned16(b, littleEndian ? at : at + 2, littleEndian);
        long hi = unsigned16(b, littleEndian ? at + 2 : at, littleEndian);
        return hi << 16 | lo;
    }
}
