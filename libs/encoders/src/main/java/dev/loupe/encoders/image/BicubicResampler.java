package dev.loupe.encoders.image;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resizes packed RGB with PIL's bicubic filter exactly ({@code ImagingResample} in Pillow's
 * Resample.c) and crops the result, computing only the pixels the crop keeps. See the package
 * documentation for the algorithm. Thread-safe; it caches the coefficients of recent sizes.
 */
final class BicubicResampler {

    /** Pillow's PRECISION_BITS: 8 bits for the result, 2 for the filter's overshoot, sign bit. */
    static final int PRECISION_BITS = 32 - 8 - 2;

    private static final double SUPPORT = 2.0; // bicubic filter reaches two pixels either side
    private static final double A = -0.5; // Pillow's bicubic "a" (Keys' kernel, as in Catmull-Rom)
    private static final int MAX_CACHED_KERNELS = 512; // a few hundred photo sizes cover a collection
    private static final long HALF = 1L << (PRECISION_BITS - 1); // rounds the fixed-point sums
    /** Source rows transposed at a time: bounds the copy for large photos, long enough for SIMD. */
    private static final int ROW_BLOCK = 128;

    private final Map<KernelKey, Kernel> kernels = new ConcurrentHashMap<>();

    /**
     * Resizes {@code inWidth × inHeight} to {@code outWidth × outHeight} and returns the window of
     * {@code cropWidth × cropHeight} at ({@code left}, {@code top}) of the resized image; window
     * pixels outside the resized image are 0, as transformers pads a crop larger than the image.
     *
     * @param rgb packed {@code 0x??RRGGBB} pixels (the top byte is ignored)
     * @param origin index of the top-left pixel in {@code rgb}
     * @param scanline distance between rows in {@code rgb}
     * @return three planes (R, G, B) of {@code cropWidth * cropHeight} unsigned bytes, row by row
     */
    byte[][] resizeAndCrop(
            int[] rgb,
            int origin,
            int scanline,
            int inWidth,
            int inHeight,
            int outWidth,
            int outHeight,
            int left,
            int top,
            int cropWidth,
            int cropHeight) {
        // output columns and rows of the crop that exist in the resized image
        int x0 = Math.max(0, left);
        int x1 = Math.min(outWidth, left + cropWidth);
        int y0 = Math.max(0, top);
        int y1 = Math.min(outHeight, top + cropHeight);
        byte[][] planes = new byte[3][cropWidth * cropHeight];
        if (x0 >= x1 || y0 >= y1) {
            return planes;
        }
        Kernel vertical = kernel(inHeight, outHeight, y0, y1 - y0);
        Kernel horizontal = kernel(inWidth, outWidth, x0, x1 - x0);
        // horizontal pass first, over only the source rows the vertical pass will read
        int firstRow = vertical.start[0];
        int lastRow = vertical.start[vertical.count - 1] + vertical.length[vertical.count - 1];
        int rows = lastRow - firstRow;
        int width = x1 - x0;
        int[][] stripe = new int[3][rows * width]; // horizontally resampled rows, one plane per channel
        if (inWidth == outWidth) {
            copyColumns(rgb, origin + firstRow * scanline, scanline, x0, width, rows, stripe);
        } else {
            horizontalPass(rgb, origin + firstRow * scanline, scanline, rows, horizontal, stripe);
        }
        int at = (y0 - top) * cropWidth + (x0 - left);
        for (int c = 0; c < 3; c++) {
            if (inHeight == outHeight) {
                copyRows(stripe[c], width, y0 - firstRow, y1 - y0, planes[c], at, cropWidth);
            } else {
                verticalPass(stripe[c], width, firstRow, vertical, planes[c], at, cropWidth);
            }
        }
        return planes;
    }

    /** Coefficients for one axis, cached by everything they depend on. */
    Kernel kernel(int inSize, int outSize, int first, int count) {
        KernelKey key = new KernelKey(inSize, outSize, first, count);
        Kernel cached = kernels.get(key);
        if (cached != null) {
            return cached;
        }
        Kernel computed = Kernel.compute(inSize, outSize, first, count);
        if (kernels.size() >= MAX_CACHED_KERNELS) {
            kernels.clear();
        }
        kernels.put(key, computed);
        return computed;
    }

    /** Pillow's {@code bicubic_filter}. */
    static double bicubic(double x) {
        if (x < 0.0) {
            x = -x;
        }
        if (x < 1.0) {
            return ((A + 2.0) * x - (A + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * A;
        }
        return 0.0;
    }

    /** Pillow's {@code clip8}: drop the fixed-point fraction (already rounded), clamp to a byte. */
    private static int clip8(long sum) {
        long v = sum >> PRECISION_BITS;
        return v < 0 ? 0 : (int) Math.min(v, 255);
    }

    /*
     * Both passes accumulate whole lines at once, sums[j] += sample[j] * weight, which C2 turns into
     * SIMD code: the samples are ints and the sums longs, arrays that cannot alias, so no runtime
     * overlap check stands in the way. The sums are exactly Pillow's 32-bit ones (no overflow:
     * |sum| < 255 * 1.3 * 2^22), the products are ints as in Pillow.
     */

    /**
     * The horizontal pass. Blocks of source rows are transposed first, so that each output column is
     * a weighted sum of whole source columns, computed for all the block's rows at once.
     */
    private static void horizontalPass(int[] rgb, int origin, int scanline, int rows, Kernel kernel, int[][] stripe) {
        int width = kernel.count;
        int firstColumn = kernel.start[0];
        int columns = kernel.start[width - 1] + kernel.length[width - 1] - firstColumn;
        int block = Math.min(rows, ROW_BLOCK);
        int[] transposed = new int[block * columns];
        long[] sums = new long[block];
        for (int y0 = 0; y0 < rows; y0 += block) {
            int n = Math.min(block, rows - y0);
            for (int y = 0; y < n; y++) {
                int in = origin + (y0 + y) * scanline + firstColumn;
                for (int x = 0, out = y; x < columns; x++, out += n) {
                    transposed[out] = rgb[in + x];
                }
            }
            for (int c = 0; c < 3; c++) {
                int shift = 16 - 8 * c;
                int[] plane = stripe[c];
                for (int i = 0; i < width; i++) {
                    Arrays.fill(sums, 0, n, HALF);
                    int k = i * kernel.taps;
                    int column = kernel.start[i] - firstColumn;
                    for (int t = 0, taps = kernel.length[i]; t < taps; t++) {
                        int weight = kernel.weights[k + t];
                        int in = (column + t) * n;
                        for (int y = 0; y < n; y++) {
                            sums[y] += ((transposed[in + y] >>> shift) & 0xFF) * weight;
                        }
                    }
                    for (int y = 0, out = y0 * width + i; y < n; y++, out += width) {
                        plane[out] = clip8(sums[y]);
                    }
                }
            }
        }
    }

    /** The horizontal pass when the width does not change: Pillow skips it, the pixels pass through. */
    private static void copyColumns(int[] rgb, int origin, int scanline, int x0, int width, int rows, int[][] stripe) {
        for (int y = 0; y < rows; y++) {
            int in = origin + y * scanline + x0;
            int out = y * width;
            for (int x = 0; x < width; x++) {
                int pixel = rgb[in + x];
                stripe[0][out + x] = (pixel >>> 16) & 0xFF;
                stripe[1][out + x] = (pixel >>> 8) & 0xFF;
                stripe[2][out + x] = pixel & 0xFF;
            }
        }
    }

    private static void verticalPass(
            int[] stripe, int width, int firstRow, Kernel kernel, byte[] plane, int at, int planeScanline) {
        long[] sums = new long[width];
        for (int y = 0; y < kernel.count; y++) {
            Arrays.fill(sums, HALF);
            int k = y * kernel.taps;
            int row = kernel.start[y] - firstRow;
            for (int t = 0, taps = kernel.length[y]; t < taps; t++) {
                int weight = kernel.weights[k + t];
                int in = (row + t) * width;
                for (int x = 0; x < width; x++) {
                    sums[x] += stripe[in + x] * weight;
                }
            }
            int out = at + y * planeScanline;
            for (int x = 0; x < width; x++) {
                plane[out + x] = (byte) clip8(sums[x]);
            }
        }
    }

    /** The vertical pass when the height does not change: the rows pass through. */
    private static void copyRows(
            int[] stripe, int width, int firstRow, int rows, byte[] plane, int at, int planeScanline) {
        for (int y = 0; y < rows; y++) {
            int in = (firstRow + y) * width;
            int out = at + y * planeScanline;
            for (int x = 0; x < width; x++) {
                plane[out + x] = (byte) stripe[in + x];
            }
        }
    }

    private record KernelKey(int inSize, int outSize, int first, int count) {}

    /**
     * Fixed-point bicubic coefficients for output positions {@code [first, first + count)} of a
     * resize from {@code inSize} to {@code outSize} along one axis, computed as Pillow's {@code
     * precompute_coeffs} and {@code normalize_coeffs_8bpc} do.
     *
     * @param start first input position each output reads
     * @param length how many input positions each output reads
     * @param weights {@code taps} coefficients per output, scaled by 2^PRECISION_BITS
     */
    record Kernel(int first, int count, int taps, int[] start, int[] length, int[] weights) {

        static Kernel compute(int inSize, int outSize, int first, int count) {
            assert first >= 0 && count > 0 && first + count <= outSize;
            double scale = (double) inSize / outSize;
            // shrinking widens the filter by the scale: that is the antialiasing
            double filterScale = Math.max(scale, 1.0);
            double support = SUPPORT * filterScale;
            int taps = (int) Math.ceil(support) * 2 + 1;
            int[] start = new int[count];
            int[] length = new int[count];
            int[] weights = new int[count * taps];
            double[] k = new double[taps];
            for (int i = 0; i < count; i++) {
                double center = (first + i + 0.5) * scale;
                double inverseScale = 1.0 / filterScale;
                // (int) truncates towards zero, as C's cast does
                int min = Math.max(0, (int) (center - support + 0.5));
                int max = Math.min(inSize, (int) (center + support + 0.5)) - min;
                double sum = 0.0;
                for (int x = 0; x < max; x++) {
                    double w = bicubic((x + min - center + 0.5) * inverseScale);
                    k[x] = w;
                    sum += w;
                }
                for (int x = 0; x < max; x++) {
                    double normalised = sum != 0.0 ? k[x] / sum : k[x];
                    weights[i * taps + x] = normalised < 0
                            ? (int) (-0.5 + normalised * (1 << PRECISION_BITS))
                            : (int) (0.5 + normalised * (1 << PRECISION_BITS));
                }
                start[i] = min;
                length[i] = max;
            }
            return new Kernel(first, count, taps, start, length, weights);
        }
    }
}
