package dev.loupe.encoders.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.encoders.TestBundles;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoding and preprocessing against the reference {@code pixel_values} that Hugging Face's
 * {@code CLIPImageProcessor} (PIL path) produced for the 18 golden images, with the bundle's own
 * {@code preprocessor_config.json}.
 */
class ImagePreprocessorFidelityTest {

    /**
     * Two 8-bit levels after normalisation (2 / 255 / 0.2613 = 0.0300): the reference itself differs
     * from a plain Pillow resize by up to that ({@code hf_vs_hand_maxdiff} in golden.json).
     */
    private static final double MAX_ABS_DIFF = 0.031;

    private static final double MEAN_ABS_DIFF = 0.002;
    private static final int CHANNELS = 3;

    private static final Path BUNDLE = Path.of("../../models/clip-tiny-random");

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
    private final ImagePreprocessor preprocessor =
            new ImagePreprocessor(PreprocessorConfig.read(BUNDLE.resolve("preprocessor_config.json")));

    record GoldenImage(String file, String mode, int width, int height) {
        @Override
        public String toString() {
            return file + " (" + mode + ", " + width + "x" + height + ")";
        }
    }

    static List<GoldenImage> goldenImages() {
        List<GoldenImage> images = new ArrayList<>();
        for (JsonNode image : TestBundles.golden().get("images")) {
            images.add(new GoldenImage(
                    image.get("file").asText(),
                    image.get("mode").asText(),
                    image.get("size").get(0).asInt(),
                    image.get("size").get(1).asInt()));
        }
        return images;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenImages")
    void pixel_values_match_clip_image_processor(GoldenImage golden) {
        BufferedImage decoded = decoder.decode(TestBundles.goldenImage(golden.file()));
        assertThat(decoded.getWidth()).as("width of %s", golden).isEqualTo(golden.width());
        assertThat(decoded.getHeight()).as("height of %s", golden).isEqualTo(golden.height());

        float[] actual = preprocessor.preprocess(decoded);
        float[] expected = TestBundles.goldenPixels(golden.file());

        int side = preprocessor.config().cropHeight();
        assertThat(expected).as("reference tensor of %s", golden).hasSize(CHANNELS * side * side);
        assertThat(actual).as("tensor of %s", golden).hasSize(expected.length);
        double max = 0;
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(actual[i] - expected[i]);
            max = Math.max(max, diff);
            sum += diff;
        }
        double mean = sum / expected.length;
        String report = String.format("%s: max|Δ| = %.5f, mean|Δ| = %.6f", golden, max, mean);
        assertThat(max).as(report).isLessThanOrEqualTo(MAX_ABS_DIFF);
        assertThat(mean).as(report).isLessThanOrEqualTo(MEAN_ABS_DIFF);
    }
}
