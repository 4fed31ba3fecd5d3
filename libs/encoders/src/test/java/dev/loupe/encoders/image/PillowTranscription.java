package dev.loupe.encoders.image;

/**
 * Pillow's {@code ImagingResample} (Resample.c) for 8-bit RGB with the bicubic filter, transcribed
 * line by line with no optimisation: whole image, horizontal pass over every row needed, then the
 * vertical pass. The oracle for {@link BicubicResampler}'s cropped, vectorised version.
 */
final class PillowTranscription {

    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PillowTranscription() {}

    /** @return one plane per channel, {@code outWidth * outHeight} values 0..255 */
    static int[][] resize(int[] rgb, int inWidth, int inHeight, int outWidth, int outHeight) {
        int[][] horizontal = coefficients(inWidth, outWidth);
        int[][] vertical = coefficients(inHeight, outHeight);
        int[] horizontalBounds = horizontal[0];
        int[] verticalBounds = vertical[0];
        int ksizeH = horizontal[1][0];
        int ksizeV = vertical[1][0];
        int[] kkH = horizontal[2];
        int[] kkV = vertical[2];
        int yboxFirst = verticalBounds[0];
        int yboxLast = verticalBounds[outHeight * 2 - 2] + verticalBounds[outHeight * 2 - 1];
        boolean needHorizontal = outWidth != inWidth;
        boolean needVertical = outHeight != inHeight;

        int[][] temp = new int[3][];
        int tempWidth = inWidth;
        int tempOffset = 0;
        if (needHorizontal) {
            tempWidth = outWidth;
            for (int c = 0; c < 3; c++) {
                temp[c] = new int[outWidth * (yboxLast - yboxFirst)];
            }
            for (int yy = 0; yy < yboxLast - yboxFirst; yy++) {
                for (int xx = 0; xx < outWidth; xx++) {
                    int xmin = horizontalBounds[xx * 2];
                    int xmax = horizontalBounds[xx * 2 + 1];
                    for (int c = 0; c < 3; c++) {
                        int ss = 1 << (PRECISION_BITS - 1);
                        for (int x = 0; x < xmax; x++) {
                            int pixel = rgb[(yy + yboxFirst) * inWidth + x + xmin];
                            ss += ((pixel >> (16 - 8 * c)) & 0xFF) * kkH[xx * ksizeH + x];
                        }
                        temp[c][yy * outWidth + xx] = clip8(ss);
                    }
                }
            }
            tempOffset = yboxFirst; // Pillow shifts the vertical bounds by ybox_first
        } else {
            for (int c = 0; c < 3; c++) {
                temp[c] = new int[inWidth * inHeight];
                for (int i = 0; i < rgb.length; i++) {
                    temp[c][i] = (rgb[i] >> (16 - 8 * c)) & 0xFF;
                }
            }
        }
        if (!needVertical) {
            return temp;
        }
        int[][] out = new int[3][outWidth * outHeight];
        for (int yy = 0; yy < outHeight; yy++) {
            int ymin = verticalBounds[yy * 2] - tempOffset;
            int ymax = verticalBounds[yy * 2 + 1];
            for (int xx = 0; xx < tempWidth; xx++) {
                for (int c = 0; c < 3; c++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int y = 0; y < ymax; y++) {
                        ss += temp[c][(y + ymin) * tempWidth + xx] * kkV[yy * ksizeV + y];
                    }
                    out[c][yy * outWidth + xx] = clip8(ss);
                }
            }
        }
        return out;
    }

    /** precompute_coeffs + normalize_coeffs_8bpc: {bounds (xmin, xmax pairs)}, {ksize}, {kk}. */
    private static int[][] coefficients(int inSize, int outSize) {
        double in0 = 0.0;
        double in1 = inSize;
        double scale = (in1 - in0) / outSize;
        double filterscale = scale < 1.0 ? 1.0 : scale;
        double support = 2.0 * filterscale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        double[] kk = new double[outSize * ksize];
        int[] bounds = new int[outSize * 2];
        for (int xx = 0; xx < outSize; xx++) {
            double center = in0 + (xx + 0.5) * scale;
            double ww = 0.0;
            double ss = 1.0 / filterscale;
            int xmin = (int) (center - support + 0.5);
            if (xmin < 0) {
                xmin = 0;
            }
            int xmax = (int) (center + support + 0.5);
            if (xmax > inSize) {
                xmax = inSize;
            }
            xmax -= xmin;
            for (int x = 0; x < xmax; x++) {
                double w = BicubicResampler.bicubic((x + xmin - center + 0.5) * ss);
                kk[xx * ksize + x] = w;
                ww += w;
            }
            for (int x = 0; x < xmax; x++) {
                if (ww != 0.0) {
                    kk[xx * ksize + x] /= ww;
                }
            }
            bounds[xx * 2] = xmin;
            bounds[xx * 2 + 1] = xmax;
        }
        int[] fixed = new int[kk.length];
        for (int x = 0; x < kk.length; x++) {
            fixed[x] = kk[x] < 0
                    ? (int) (-0.5 + kk[x] * (1 << PRECISION_BITS))
                    : (int) (0.5 + kk[x] * (1 << PRECISION_BITS));
        }
        return new int[][] {bounds, {ksize}, fixed};
    }

    private static int clip8(int in) {
        int v = in >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
