package dev.loupe.encoders.image;

import java.awt.image.Raster;

/**
 * How a JPEG's components encode colour, and their conversion to RGB exactly as libjpeg(-turbo)
 * followed by PIL's {@code convert("RGB")} computes it. The decoder hands over the raw components
 * (ImageIO's {@code readRaster}: upsampled, not colour-converted), so an embedded ICC profile is
 * ignored, as PIL ignores it.
 */
enum JpegColorSpace {
    GRAYSCALE(1),
    RGB(3),
    YCBCR(3),
    /** Four components; PIL reads them as Adobe's inverted CMYK. */
    CMYK(4),
    /** YCbCr plus inverted K (Adobe transform 2), as Photoshop writes CMYK. */
    YCCK(4);

    private static final int SCALE_BITS = 16; // libjpeg's jdcolor.c fixed point
    private static final int ONE_HALF = 1 << (SCALE_BITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];
    /** libjpeg's range_limit: clamps a sum to 0..255 by lookup, no branch; index = sum + offset. */
    private static final byte[] RANGE_LIMIT = new byte[1024];

    private static final int RANGE_OFFSET = 384; // sums reach from -227 (Cb) to 480

    static {
        // build_ycc_rgb_table: nearest integers to 1.402 Cr and 1.772 Cb, scaled -0.71414 Cr and
        // -0.34414 Cb (with the rounding half folded into the Cb term)
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALE_BITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALE_BITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
        for (int i = 0; i < RANGE_LIMIT.length; i++) {
            RANGE_LIMIT[i] = (byte) clamp(i - RANGE_OFFSET);
        }
    }

    private final int components;

    JpegColorSpace(int components) {
        this.components = components;
    }

    int components() {
        return components;
    }

    /**
     * Infers the colour space as libjpeg-turbo's {@code default_decompress_parms} does.
     *
     * @param componentIds the frame header's component ids
     * @param jfif whether a JFIF APP0 segment was seen
     * @param adobeTransform the Adobe APP14 transform, or -1 without that segment
     * @param lossless whether the frame is lossless (SOF3), which changes the guess for ids 1,2,3
     * @throws InvalidImageException (UNSUPPORTED_FORMAT) for component counts other than 1, 3 and 4
     */
    static JpegColorSpace infer(int[] componentIds, boolean jfif, int adobeTransform, boolean lossless) {
        boolean adobe = adobeTransform >= 0;
        return switch (componentIds.length) {
            case 1 -> GRAYSCALE;
            case 3 -> {
                if (jfif) {
                    yield YCBCR;
                }
                if (adobe) {
                    yield adobeTransform == 0 ? RGB : YCBCR;
                }
                if (componentIds[0] == 1 && componentIds[1] == 2 && componentIds[2] == 3) {
                    yield lossless ? RGB : YCBCR;
                }
                if (componentIds[0] == 'R' && componentIds[1] == 'G' && componentIds[2] == 'B') {
                    yield RGB;
                }
                yield lossless ? RGB : YCBCR;
            }
            case 4 -> adobe && adobeTransform != 0 ? YCCK : CMYK;
            default ->
                throw new InvalidImageException(
                        InvalidImageException.Reason.UNSUPPORTED_FORMAT,
                        "the JPEG has " + componentIds.length + " colour components; only 1 (grey), 3 (colour) and "
                                + "4 (CMYK) are supported");
        };
    }

    /**
     * Converts raw components to packed RGB.
     *
     * @param raw the undecorated components, {@link #components()} bands of 8-bit samples
     * @param rgb receives {@code 0xRRGGBB} per pixel, row by row, {@code raw}'s width per row
     */
    void toRgb(Raster raw, int[] rgb) {
        InterleavedSamples samples = InterleavedSamples.of(raw);
        int width = raw.getWidth();
        int height = raw.getHeight();
        byte[] data = samples.data();
        int stride = samples.pixelStride();
        int b0 = samples.bandOffset(0);
        for (int y = 0; y < height; y++) {
            int in = samples.rowStart(y);
            int out = y * width;
            switch (this) {
                case GRAYSCALE -> {
                    for (int x = 0; x < width; x++, in += stride) {
                        rgb[out + x] = (data[in + b0] & 0xFF) * 0x010101;
                    }
                }
                case RGB -> {
                    int b1 = samples.bandOffset(1);
                    int b2 = samples.bandOffset(2);
                    for (int x = 0; x < width; x++, in += stride) {
                        rgb[out + x] =
                                ((data[in + b0] & 0xFF) << 16) | ((data[in + b1] & 0xFF) << 8) | (data[in + b2] & 0xFF);
                    }
                }
                case YCBCR -> {
                    int b1 = samples.bandOffset(1);
                    int b2 = samples.bandOffset(2);
                    for (int x = 0; x < width; x++, in += stride) {
                        int luma = (data[in + b0] & 0xFF) + RANGE_OFFSET;
                        int cb = data[in + b1] & 0xFF;
                        int cr = data[in + b2] & 0xFF;
                        int r = RANGE_LIMIT[luma + CR_R[cr]] & 0xFF;
                        int g = RANGE_LIMIT[luma + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS)] & 0xFF;
                        int b = RANGE_LIMIT[luma + CB_B[cb]] & 0xFF;
                        rgb[out + x] = (r << 16) | (g << 8) | b;
                    }
                }
                case CMYK -> {
                    int b1 = samples.bandOffset(1);
                    int b2 = samples.bandOffset(2);
                    int b3 = samples.bandOffset(3);
                    for (int x = 0; x < width; x++, in += stride) {
                        // PIL's "CMYK;I" unpacking inverts Adobe's polarity
                        rgb[out + x] = cmykToRgb(
                                255 - (data[in + b0] & 0xFF),
                                255 - (data[in + b1] & 0xFF),
                                255 - (data[in + b2] & 0xFF),
                                255 - (data[in + b3] & 0xFF));
                    }
                }
                case YCCK -> {
                    int b1 = samples.bandOffset(1);
                    int b2 = samples.bandOffset(2);
                    int b3 = samples.bandOffset(3);
                    for (int x = 0; x < width; x++, in += stride) {
                        // libjpeg's ycck_cmyk_convert yields 255 - R (etc.) clamped, PIL then inverts
                        // again: the ink is the clamped YCbCr->RGB value itself
                        int luma = (data[in + b0] & 0xFF) + RANGE_OFFSET;
                        int cb = data[in + b1] & 0xFF;
                        int cr = data[in + b2] & 0xFF;
                        int c = RANGE_LIMIT[luma + CR_R[cr]] & 0xFF;
                        int m = RANGE_LIMIT[luma + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS)] & 0xFF;
                        int ye = RANGE_LIMIT[luma + CB_B[cb]] & 0xFF;
                        rgb[out + x] = cmykToRgb(c, m, ye, 255 - (data[in + b3] & 0xFF));
                    }
                }
            }
        }
    }

    /** PIL's {@code cmyk2rgb}: each channel is (255 - ink) scaled by (255 - black), rounded. */
    static int cmykToRgb(int c, int m, int y, int k) {
        int nk = 255 - k;
        int r = clamp(nk - mulDiv255(c, nk));
        int g = clamp(nk - mulDiv255(m, nk));
        int b = clamp(nk - mulDiv255(y, nk));
        return (r << 16) | (g << 8) | b;
    }

    /** PIL's MULDIV255: a * b / 255 rounded, without a division. */
    private static int mulDiv255(int a, int b) {
        int t = a * b + 128;
        return ((t >> 8) + t) >> 8;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    private static int fix(double x) {
        return (int) (x * (1 << SCALE_BITS) + 0.5);
    }
}
