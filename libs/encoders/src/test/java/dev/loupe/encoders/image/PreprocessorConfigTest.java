package dev.loupe.encoders.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.encoders.ModelBundleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessorConfigTest {

    @TempDir
    Path dir;

    @Test
    void reads_the_test_bundle() {
        PreprocessorConfig config =
                PreprocessorConfig.read(Path.of("../../models/clip-tiny-random/preprocessor_config.json"));

        assertThat(config).isEqualTo(PreprocessorConfig.clip());
        assertThat(config.rescaleFactor()).isEqualTo(0.00392156862745098);
    }

    @Test
    void reads_the_older_layout_with_plain_sizes() throws IOException {
        PreprocessorConfig config = read("""
                {"crop_size": 256, "do_center_crop": true, "do_normalize": true, "do_resize": true,
                 "feature_extractor_type": "CLIPFeatureExtractor",
                 "image_mean": [0.5, 0.5, 0.5], "image_std": [0.25, 0.25, 0.25], "resample": 3, "size": 288}
                """);

        assertThat(config.shortestEdge()).isEqualTo(288);
        assertThat(config.cropHeight()).isEqualTo(256);
        assertThat(config.cropWidth()).isEqualTo(256);
        assertThat(config.mean()).containsExactly(0.5f, 0.5f, 0.5f);
        assertThat(config.std()).containsExactly(0.25f, 0.25f, 0.25f);
        assertThat(config.rescaleFactor()).isEqualTo(1 / 255.0);
    }

    @Test
    void absent_settings_take_clip_image_processor_defaults() throws IOException {
        assertThat(read("{}")).isEqualTo(PreprocessorConfig.clip());
    }

    @Test
    void disabled_rescale_and_normalise_become_identity_steps() throws IOException {
        PreprocessorConfig config = read("{\"do_rescale\": false, \"do_normalize\": false}");

        assertThat(config.rescaleFactor()).isEqualTo(1.0);
        assertThat(config.mean()).containsExactly(0f, 0f, 0f);
        assertThat(config.std()).containsExactly(1f, 1f, 1f);
    }

    @Test
    void another_resampling_filter_is_refused() {
        assertThatThrownBy(() -> read("{\"resample\": 2}"))
                .isInstanceOf(ModelBundleException.class)
                .hasMessageContaining("resample 2 is not supported");
    }

    @Test
    void a_fixed_size_resize_is_refused() {
        assertThatThrownBy(() -> read("{\"size\": {\"height\": 224, \"width\": 224}}"))
                .isInstanceOf(ModelBundleException.class)
                .hasMessageContaining("shortest_edge");
    }

    @Test
    void skipping_the_centre_crop_is_refused() {
        assertThatThrownBy(() -> read("{\"do_center_crop\": false}"))
                .isInstanceOf(ModelBundleException.class)
                .hasMessageContaining("do_center_crop=false");
    }

    @Test
    void a_malformed_mean_names_the_setting() {
        assertThatThrownBy(() -> read("{\"image_mean\": [0.5, 0.5]}"))
                .isInstanceOf(ModelBundleException.class)
                .hasMessageContaining("image_mean must be three numbers");
    }

    @Test
    void a_missing_file_says_which() {
        Path missing = dir.resolve("preprocessor_config.json");

        assertThatThrownBy(() -> PreprocessorConfig.read(missing))
                .isInstanceOf(ModelBundleException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void malformed_json_is_a_bundle_error() {
        assertThatThrownBy(() -> read("{\"size\": "))
                .isInstanceOf(ModelBundleException.class)
                .hasMessageContaining("cannot read");
    }

    @Test
    void mean_and_std_are_copied_in_and_out() {
        float[] mean = {0.1f, 0.2f, 0.3f};
        PreprocessorConfig config = new PreprocessorConfig(224, 224, 224, 1 / 255.0, mean, new float[] {1, 1, 1});

        mean[0] = 9;
        config.mean()[1] = 9;

        assertThat(config.mean()).containsExactly(0.1f, 0.2f, 0.3f);
    }

    private PreprocessorConfig read(String json) throws IOException {
        Path file = dir.resolve("preprocessor_config.json");
        Files.writeString(file, json);
        return PreprocessorConfig.read(file);
    }
}
