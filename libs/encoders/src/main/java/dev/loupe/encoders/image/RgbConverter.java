package dev.loupe.encoders.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * Turns a decoded image into packed 8-bit RGB the way PIL's {@code convert("RGB")} does, working on
 * the raw samples rather than through Java2D's colour management: alpha is dropped without
 * compositing, palettes are looked up, grey is replicated, 16-bit samples keep their high byte, CMYK
 * uses PIL's naive formula and embedded ICC profiles are ignored.
 */
final class RgbConverter {

    private RgbConverter() {}

    /** @return a {@link BufferedImage#TYPE_INT_RGB} image with the same pixels as RGB */
    static BufferedImage toRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (model.isAlphaPremultiplied()) {
            // no reader Loupe uses produces these; Java2D un-premultiplies correctly
            image.getRGB(0, 0, width, height, out, 0, width);
            maskAlpha(out);
        } else if (model instanceof IndexColorModel palette && palette.getPixelSize() <= 8) {
            // 256 entries whatever the palette's size: an index past its end (an invalid file) gets
            // what the reader padded with, or black, instead of an exception
            int[] colours = new int[256];
            palette.getRGBs(colours);
            indexed(InterleavedSamples.of(raster), colours, width, height, out);
        } else if (model instanceof DirectColorModel direct
                && raster.getDataBuffer() instanceof DataBufferInt
                && raster.getSampleModel() instanceof SinglePixelPackedSampleModel) {
            packed(raster, direct, out);
        } else if (model instanceof ComponentColorModel && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            grey(InterleavedSamples.of(raster), width, height, out);
        } else if (model instanceof ComponentColorModel && model.getColorSpace().getType() == ColorSpace.TYPE_CMYK) {
            cmyk(InterleavedSamples.of(raster), width, height, out);
        } else if (model instanceof ComponentColorModel && model.getNumColorComponents() == 3) {
            // RGB in any RGB colour space: PIL ignores the profile, so do we
            rgb(InterleavedSamples.of(raster), width, height, out);
        } else {
            image.getRGB(0, 0, width, height, out, 0, width);
            maskAlpha(out);
        }
        return rgb;
    }

    private static void indexed(InterleavedSamples samples, int[] colours, int width, int height, int[] out) {
        byte[] data = samples.data();
        int stride = samples.pixelStride();
        int index = samples.bandOffset(0);
        for (int y = 0; y < height; y++) {
            int in = samples.rowStart(y) + index;
            int row = y * width;
            for (int x = 0; x < width; x++, in += stride) {
                out[row + x] = colours[data[in] & 0xFF] & 0xFFFFFF;
            }
        }
    }

    private static void grey(InterleavedSamples samples, int width, int height, int[] out) {
        byte[] data = samples.data();
        int stride = samples.pixelStride();
        int grey = samples.bandOffset(0);
        for (int y = 0; y < height; y++) {
            int in = samples.rowStart(y) + grey;
            int row = y * width;
            for (int x = 0; x < width; x++, in += stride) {
                out[row + x] = (data[in] & 0xFF) * 0x010101;
            }
        }
    }

    private static void rgb(InterleavedSamples samples, int width, int height, int[] out) {
        byte[] data = samples.data();
        int stride = samples.pixelStride();
        int r = samples.bandOffset(0);
        int g = samples.bandOffset(1);
        int b = samples.bandOffset(2);
        for (int y = 0; y < height; y++) {
            int in = samples.rowStart(y);
            int row = y * width;
            for (int x = 0; x < width; x++, in += stride) {
                out[row + x] = (data[in + r] & 0xFF) << 16 | (data[in + g] & 0xFF) << 8 | (data[in + b] & 0xFF);
            }
        }
    }

    private static void cmyk(InterleavedSamples samples, int width, int height, int[] out) {
        byte[] data = samples.data();
        int stride = samples.pixelStride();
        int c = samples.bandOffset(0);
        int m = samples.bandOffset(1);
        int ye = samples.bandOffset(2);
        int k = samples.bandOffset(3);
        for (int y = 0; y < height; y++) {
            int in = samples.rowStart(y);
            int row = y * width;
            for (int x = 0; x < width; x++, in += stride) {
                out[row + x] = JpegColorSpace.cmykToRgb(
                        data[in + c] & 0xFF, data[in + m] & 0xFF, data[in + ye] & 0xFF, data[in + k] & 0xFF);
            }
        }
    }

    /** Packed int pixels (INT_RGB, INT_ARGB, INT_BGR, 565...): components scaled as PIL's unpackers. */
    private static void packed(Raster raster, DirectColorModel model, int[] out) {
        SinglePixelPackedSampleModel layout = (SinglePixelPackedSampleModel) raster.getSampleModel();
        DataBufferInt buffer = (DataBufferInt) raster.getDataBuffer();
        int[] data = buffer.getData();
        int scanline = layout.getScanlineStride();
        int origin = buffer.getOffset()
                + (raster.getMinY() - raster.getSampleModelTranslateY()) * scanline
                + (raster.getMinX() - raster.getSampleModelTranslateX());
        Channel red = new Channel(model.getRedMask());
        Channel green = new Channel(model.getGreenMask());
        Channel blue = new Channel(model.getBlueMask());
        int width = raster.getWidth();
        for (int y = 0; y < raster.getHeight(); y++) {
            int in = origin + y * scanline;
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int pixel = data[in + x];
                out[row + x] = red.value(pixel) << 16 | green.value(pixel) << 8 | blue.value(pixel);
            }
        }
    }

    /** One colour channel of a packed pixel, widened to 8 bits as {@code v * 255 / max}. */
    private record Channel(int mask, int shift, int max) {

        Channel(int mask) {
            this(
                    mask,
                    Integer.numberOfTrailingZeros(mask),
                    mask == 0 ? 0 : mask >>> Integer.numberOfTrailingZeros(mask));
        }

        int value(int pixel) {
            if (max == 0) {
                return 0;
            }
            int v = (pixel & mask) >>> shift;
            return max == 255 ? v : max > 255 ? v >>> (32 - Integer.numberOfLeadingZeros(max) - 8) : v * 255 / max;
        }
    }

    private static void maskAlpha(int[] argb) {
        for (int i = 0; i < argb.length; i++) {
            argb[i] &= 0xFFFFFF;
        }
    }
}
