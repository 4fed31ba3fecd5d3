package dev.loupe.encoders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real text embedding model (all-MiniLM-L6-v2, shipped in a Maven artifact) loaded as a Loupe
 * bundle, checked against langchain4j's own runtime for the same files and for real semantics.
 */
class TextModelTest {

    @TempDir
    static Path bundle;

    private static EmbeddingModel model;

    @BeforeAll
    static void load() throws IOException {
        copyResource("all-minilm-l6-v2.onnx", bundle.resolve("model.onnx"));
        copyResource("all-minilm-l6-v2-tokenizer.json", bundle.resolve("tokenizer.json"));
        Files.writeString(bundle.resolve("config.json"), "{\"pooling\": \"mean\", \"hidden_size\": 384}");
        model = ModelLoader.load("all-minilm-l6-v2", bundle, RuntimeOptions.cpu());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void describes_a_384_dimensional_text_model() {
        assertThat(model.info().modalities()).containsExactly(Modality.TEXT);
        assertThat(model.info().dimensions()).isEqualTo(384);
        assertThat(model.info().maxTokens()).isEqualTo(512);
    }

    @Test
    void matches_langchain4j_for_the_same_model() {
        List<String> texts =
                List.of("How do I reset my password?", "A man is playing a guitar on stage.", "以文搜图", "short");
        float[][] ours = model.embedTexts(texts);
        AllMiniLmL6V2EmbeddingModel reference = new AllMiniLmL6V2EmbeddingModel();
        for (int i = 0; i < texts.size(); i++) {
            float[] theirs = reference.embed(texts.get(i)).content().vector();
            assertThat(TestBundles.cosine(ours[i], theirs))
                    .as("cosine for %s", texts.get(i))
                    .isGreaterThanOrEqualTo(0.9999);
        }
    }

    @Test
    void places_paraphrases_closer_than_unrelated_text() {
        float[][] v = model.embedTexts(
                List.of("How can I change my password?", "I forgot my login credentials", "The tide comes in at dusk"));
        double related = TestBundles.cosine(v[0], v[1]);
        double unrelated = TestBundles.cosine(v[0], v[2]);
        assertThat(related).isGreaterThan(unrelated + 0.2);
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = TextModelTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("resource %s on the test classpath", name).isNotNull();
            Files.copy(in, target);
        }
    }
}
