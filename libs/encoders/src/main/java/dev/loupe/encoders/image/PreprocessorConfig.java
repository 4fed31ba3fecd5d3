package dev.loupe.encoders.image;

import java.nio.file.Path;

/**
 * The settings of a Hugging Face {@code preprocessor_config.json} that {@link ImagePreprocessor}
 * honours.
 *
 * @param shortestEdge the shortest side is resized to this many pixels
 * @param cropHeight centre-crop height
 * @param cropWidth centre-crop width
 * @param rescaleFactor multiplies 8-bit values (1/255)
 * @param mean per-channel mean, RGB
 * @param std per-channel standard deviation, RGB
 */
public record PreprocessorConfig(
        int shortestEdge, int cropHeight, int cropWidth, float rescaleFactor, float[] mean, float[] std) {

    /** Reads {@code preprocessor_config.json}; a missing or malformed file is a clear error. */
    public static PreprocessorConfig read(Path file) {
        throw new UnsupportedOperationException("TODO");
    }
}
