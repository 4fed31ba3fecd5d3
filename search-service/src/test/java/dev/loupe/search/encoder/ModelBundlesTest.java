package dev.loupe.search.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundlesTest {

    private static final Path DIR = Path.of("models");

    @Test
    void the_only_bundle_is_chosen_even_when_it_is_the_test_model() {
        assertThat(ModelBundles.choose(List.of("clip-tiny-random"), Optional.empty(), DIR))
                .isEqualTo("clip-tiny-random");
    }

    @Test
    void a_real_model_is_preferred_over_the_random_test_model() {
        assertThat(ModelBundles.choose(
                        List.of("clip-tiny-random", "clip-vit-base-patch32", "clip-vit-large"), Optional.empty(), DIR))
                .isEqualTo("clip-vit-base-patch32");
        assertThat(ModelBundles.choose(List.of("a-model", "clip-tiny-random"), Optional.empty(), DIR))
                .isEqualTo("a-model");
    }

    @Test
    void a_configured_model_wins_and_must_exist() {
        assertThat(ModelBundles.choose(
                        List.of("clip-tiny-random", "clip-vit-base-patch32"), Optional.of("clip-tiny-random"), DIR))
                .isEqualTo("clip-tiny-random");
        assertThatThrownBy(() -> ModelBundles.choose(List.of("clip-tiny-random"), Optional.of("nope"), DIR))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("loupe.model 'nope'");
    }

    @Test
    void discovers_only_directories_that_hold_a_model(@TempDir Path models) throws Exception {
        Files.createDirectories(models.resolve("clip-b/onnx"));
        Files.createDirectories(models.resolve("minilm"));
        Files.writeString(models.resolve("minilm/model.onnx"), "");
        Files.createDirectories(models.resolve("notes"));
        Files.createDirectories(models.resolve(".cache/onnx"));
        Files.writeString(models.resolve("README.md"), "");

        assertThat(ModelBundles.discover(models)).containsExactly("clip-b", "minilm");
    }

    @Test
    void refuses_a_missing_or_empty_models_directory(@TempDir Path models) {
        assertThatThrownBy(() -> ModelBundles.discover(models.resolve("absent")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> ModelBundles.discover(models))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds no model bundle");
    }
}
