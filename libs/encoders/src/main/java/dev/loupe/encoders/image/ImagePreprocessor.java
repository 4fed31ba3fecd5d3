package dev.loupe.encoders.image;

import java.awt.image.BufferedImage;

/**
 * Turns an RGB image into the model's input exactly as {@code CLIPImageProcessor} does: resize the
 * shortest side with PIL's bicubic filter (antialiased when shrinking), centre-crop, rescale to
 * [0,1] and normalise with the model's mean and std. Thread-safe.
 */
public final class ImagePreprocessor {

    private final PreprocessorConfig config;

    public ImagePreprocessor(PreprocessorConfig config) {
        this.config = config;
    }

    /** @return a CHW float tensor of {@code 3 * cropHeight * cropWidth} values */
    public float[] preprocess(BufferedImage rgb) {
        throw new UnsupportedOperationException("TODO");
    }

    public PreprocessorConfig config() {
        return config;
    }
}
