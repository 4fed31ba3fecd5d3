package dev.loupe.encoders.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.util.Objects;

/**
 * Turns an RGB image into the model's input exactly as {@code CLIPImageProcessor} does: resize the
 * shortest side with PIL's bicubic filter (antialiased when shrinking), centre-crop, rescale to
 * [0,1] and normalise with the model's mean and std. Thread-safe.
 */
public final class ImagePreprocessor {

    private final PreprocessorConfig config;
    private final BicubicResampler resampler = new BicubicResampler();
    /** Per channel, the normalised value of each 8-bit level: the last three steps as one lookup. */
    private final float[][] levels;

    public ImagePreprocessor(PreprocessorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        float[] mean = config.mean();
        float[] std = config.std();
        levels = new float[3][256];
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                // transformers rescales in float64 then casts to float32, and normalises in float32
                float rescaled = (float) (v * config.rescaleFactor());
                levels[c][v] = (rescaled - mean[c]) / std[c];
            }
        }
    }

    /**
     * @param image the picture, upright; {@link BufferedImage#TYPE_INT_RGB} (as {@link ImageDecoder}
     *     returns) is read in place, any other type is first converted as PIL's {@code
     *     convert("RGB")} would
     * @return a CHW float tensor of {@code 3 * cropHeight * cropWidth} values, channels in RGB order
     */
    public float[] preprocess(BufferedImage image) {
        BufferedImage rgb = isPackedRgb(image) ? image : RgbConverter.toRgb(image);
        int width = rgb.getWidth();
        int height = rgb.getHeight();
        Raster raster = rgb.getRaster();
        DataBufferInt buffer = (DataBufferInt) raster.getDataBuffer();
        int scanline = ((SinglePixelPackedSampleModel) raster.getSampleModel()).getScanlineStride();
        int origin = buffer.getOffset()
                + (raster.getMinY() - raster.getSampleModelTranslateY()) * scanline
                + (raster.getMinX() - raster.getSampleModelTranslateX());

        int shortest = config.shortestEdge();
        int outWidth;
        int outHeight;
        // transformers' get_resize_output_image_size(default_to_square=False): the long side is
        // int(shortest * long / short), a float division then truncation
        if (width <= height) {
            outWidth = shortest;
            outHeight = (int) ((double) ((long) shortest * height) / width);
        } else {
            outHeight = shortest;
            outWidth = (int) ((double) ((long) shortest * width) / height);
        }
        int cropHeight = config.cropHeight();
        int cropWidth = config.cropWidth();
        // transformers' center_crop: (size - crop) // 2, floor division (negative when padding)
        int top = Math.floorDiv(outHeight - cropHeight, 2);
        int left = Math.floorDiv(outWidth - cropWidth, 2);

        byte[][] planes = resampler.resizeAndCrop(
                buffer.getData(),
                origin,
                scanline,
                width,
                height,
                outWidth,
                outHeight,
                left,
                top,
                cropWidth,
                cropHeight);

        int area = cropHeight * cropWidth;
        float[] tensor = new float[3 * area];
        for (int c = 0; c < 3; c++) {
            byte[] plane = planes[c];
            float[] level = levels[c];
            int offset = c * area;
            for (int i = 0; i < area; i++) {
                tensor[offset + i] = level[plane[i] & 0xFF];
            }
        }
        return tensor;
    }

    public PreprocessorConfig config() {
        return config;
    }

    private static boolean isPackedRgb(BufferedImage image) {
        int type = image.getType();
        return (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB)
                && image.getRaster().getDataBuffer() instanceof DataBufferInt
                && image.getRaster().getSampleModel() instanceof SinglePixelPackedSampleModel;
    }
}
