package dev.loupe.encoders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {

    @TempDir
    Path temp;

    @Test
    void refuses_a_directory_that_does_not_exist() {
        Path missing = temp.resolve("nope");
        assertThatThrownBy(() -> ModelLoader.load("nope", missing, RuntimeOptions.cpu()))
                .isInstanceOf(ModelBundleException.class)
                .hasMessageContaining("model bundle directory missing")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void refuses_a_directory_without_a_model_and_says_what_it_expected() {
        assertThatThrownBy(() -> ModelLoader.load("empty", temp, RuntimeOptions.cpu()))
                .isInstanceOf(ModelBundleException.class)
                .hasMessageContaining("is not a model bundle")
                .hasMessageContaining("onnx/text_model.onnx");
    }

    @Test
    void names_the_missing_tokenizer() throws IOException {
        Path bundle = copyOfTestBundle();
        Files.delete(bundle.resolve("tokenizer.json"));
        assertThatThrownBy(() -> ModelLoader.load("b", bundle, RuntimeOptions.cpu()))
                .isInstanceOf(ModelBundleException.class)
                .hasMessageContaining("missing")
                .hasMessageContaining("tokenizer.json");
    }

    @Test
    void names_the_missing_preprocessor_config() throws IOException {
        Path bundle = copyOfTestBundle();
        Files.delete(bundle.resolve("preprocessor_config.json"));
        assertThatThrownBy(() -> ModelLoader.load("b", bundle, RuntimeOptions.cpu()))
                .isInstanceOf(ModelBundleException.class)
                .hasMessageContaining("preprocessor_config.json");
    }

    @Test
    void refuses_a_graph_without_the_expected_input_and_lists_the_inputs_it_has() throws IOException {
        Path bundle = copyOfTestBundle();
        Files.copy(
                bundle.resolve("onnx/text_model.onnx"),
                bundle.resolve("onnx/vision_model.onnx"),
                StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> ModelLoader.load("b", bundle, RuntimeOptions.cpu()))
                .isInstanceOf(ModelBundleException.class)
                .hasMessageContaining("has no input named 'pixel_values'")
                .hasMessageContaining("input_ids");
    }

    @Test
    void refuses_a_config_whose_dimension_disagrees_with_the_graph() throws IOException {
        Path bundle = copyOfTestBundle();
        Path config = bundle.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"projection_dim\": 16", "\"projection_dim\": 32"));
        assertThatThrownBy(() -> ModelLoader.load("b", bundle, RuntimeOptions.cpu()))
                .isInstanceOf(ModelBundleException.class)
                .hasMessageContaining("16-dimensional embeddings but the bundle says 32");
    }

    @Test
    void loads_a_text_only_clip_bundle_and_refuses_images_clearly() throws IOException {
        Path bundle = copyOfTestBundle();
        Files.delete(bundle.resolve("onnx/vision_model.onnx"));
        try (EmbeddingModel model = ModelLoader.load("text-only", bundle, RuntimeOptions.cpu())) {
            assertThat(model.info().modalities()).containsExactly(Modality.TEXT);
            assertThat(model.info().imageSize()).isZero();
            assertThat(model.embedTexts(List.of("a cat"))[0]).hasSize(16);
            assertThatThrownBy(() -> model.embedImages(List.of(new float[3 * 224 * 224])))
                    .isInstanceOf(UnsupportedModalityException.class)
                    .hasMessage("model 'text-only' does not embed image");
        }
    }

    @Test
    void falls_back_to_cpu_when_cuda_is_requested_but_absent() {
        RuntimeOptions cuda = new RuntimeOptions(ExecutionProvider.CUDA, 1, 1, 0);
        try (EmbeddingModel model = ModelLoader.load(TestBundles.CLIP_TINY, TestBundles.clipTiny(), cuda)) {
            assertThat(model.info().executionProvider()).isEqualTo(ExecutionProvider.CPU);
            assertThat(model.embedTexts(List.of("still works"))[0]).hasSize(16);
        }
    }

    @Test
    void refuses_wrongly_sized_pixel_tensors() {
        try (EmbeddingModel model =
                ModelLoader.load(TestBundles.CLIP_TINY, TestBundles.clipTiny(), RuntimeOptions.cpu())) {
            assertThatThrownBy(() -> model.embedImages(List.of(new float[10])))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected 150528");
        }
    }

    private Path copyOfTestBundle() {
        return TestBundles.copyTree(TestBundles.clipTiny(), temp.resolve("bundle"));
    }
}
