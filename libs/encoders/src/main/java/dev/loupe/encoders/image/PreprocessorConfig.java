package dev.loupe.encoders.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.encoders.ModelBundleException;
import java.io.IOException;
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
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelBundleException("cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode size = json.path("size");
        int shortest = size.isInt() ? size.asInt() : size.path("shortest_edge").asInt(-1);
        JsonNode crop = json.path("crop_size");
        int cropHeight = crop.isInt() ? crop.asInt() : crop.path("height").asInt(-1);
        int cropWidth = crop.isInt() ? crop.asInt() : crop.path("width").asInt(-1);
        if (shortest <= 0 || cropHeight <= 0 || cropWidth <= 0) {
            throw new ModelBundleException(file + ": needs size.shortest_edge and crop_size");
        }
        return new PreprocessorConfig(
                shortest,
                cropHeight,
                cropWidth,
                (float) json.path("rescale_factor").asDouble(1.0 / 255),
                triple(json.path("image_mean"), file),
                triple(json.path("image_std"), file));
    }

    private static float[] triple(JsonNode node, Path file) {
        if (!node.isArray() || node.size() != 3) {
            throw new ModelBundleException(file + ": image_mean and image_std need three values");
        }
        return new float[] {
            (float) node.get(0).asDouble(),
            (float) node.get(1).asDouble(),
            (float) node.get(2).asDouble()
        };
    }
}
