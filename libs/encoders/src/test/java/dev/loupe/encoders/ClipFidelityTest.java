package dev.loupe.encoders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.encoders.text.TextTokenizer;
import dev.loupe.encoders.text.TokenBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java runtime against the reference (Hugging Face transformers + PyTorch) on the random-weight
 * test model: token ids, text embeddings and image embeddings from the reference pixel tensors.
 */
class ClipFidelityTest {

    private static final double MIN_COSINE = 0.9999;
    private static final long CLIP_END_TOKEN = 49407;

    private static EmbeddingModel model;
    private static TextTokenizer tokenizer;
    private static JsonNode golden;

    @BeforeAll
    static void load() {
        model = ModelLoader.load(TestBundles.CLIP_TINY, TestBundles.clipTiny(), RuntimeOptions.cpu());
        tokenizer = TextTokenizer.load(TestBundles.clipTiny().resolve("tokenizer.json"), 77, CLIP_END_TOKEN);
        golden = TestBundles.golden();
    }

    @AfterAll
    static void close() {
        model.close();
        tokenizer.close();
    }

    @Test
    void token_ids_equal_the_reference_for_every_golden_text() {
        List<String> texts = texts();
        TokenBatch batch = tokenizer.encode(texts);
        assertThat(texts).hasSize(16);
        for (int row = 0; row < texts.size(); row++) {
            JsonNode expected = golden.get("texts").get(row);
            int length = 0;
            for (JsonNode bit : expected.get("attention_mask")) {
                length += bit.asInt();
            }
            long[] expectedIds = new long[length];
            for (int i = 0; i < length; i++) {
                expectedIds[i] = expected.get("input_ids").get(i).asLong();
            }
            assertThat(batch.ids(row)).as("ids of %s", texts.get(row)).containsExactly(expectedIds);
        }
    }

    @Test
    void truncates_at_77_tokens_keeping_the_end_token() {
        String longText = "a photo of a" + " very".repeat(200) + " long cat";
        TokenBatch batch = tokenizer.encode(List.of(longText));
        assertThat(batch.sequenceLength()).isEqualTo(77);
        assertThat(batch.ids(0)[0]).isEqualTo(49406);
        assertThat(batch.ids(0)[76]).isEqualTo(CLIP_END_TOKEN);
    }

    @Test
    void pads_to_the_longest_text_in_the_batch_not_to_77() {
        TokenBatch batch = tokenizer.encode(List.of("a diagram", "a photo of a cat"));
        assertThat(batch.sequenceLength()).isEqualTo(7);
        assertThat(batch.length(0)).isEqualTo(4);
        assertThat(Arrays.copyOfRange(batch.attentionMask(), 0, 7)).containsExactly(1, 1, 1, 1, 0, 0, 0);
        assertThat(Arrays.copyOfRange(batch.inputIds(), 4, 7)).containsOnly(CLIP_END_TOKEN);
    }

    @Test
    void text_embeddings_match_the_reference_in_one_padded_batch() {
        List<String> texts = texts();
        float[][] embeddings = model.embedTexts(texts);
        for (int i = 0; i < texts.size(); i++) {
            float[] expected = TestBundles.floats(golden.get("texts").get(i).get("text_embeds"));
            assertThat(TestBundles.cosine(embeddings[i], expected))
                    .as("cosine for %s", texts.get(i))
                    .isGreaterThanOrEqualTo(MIN_COSINE);
            assertThat(norm(embeddings[i])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void text_embeddings_do_not_depend_on_the_batch_they_came_in() {
        float[] alone = model.embedTexts(List.of("a diagram"))[0];
        float[] batched = model.embedTexts(List.of("a diagram", "a photo of a" + " very".repeat(40) + " big dog"))[0];
        assertThat(TestBundles.cosine(alone, batched)).isGreaterThanOrEqualTo(0.99999);
    }

    @Test
    void image_embeddings_from_reference_pixels_match_the_reference() {
        JsonNode images = golden.get("images");
        List<float[]> pixels = new ArrayList<>();
        for (JsonNode image : images) {
            pixels.add(TestBundles.goldenPixels(image.get("file").asText()));
        }
        assertThat(pixels).hasSize(18);
        float[][] embeddings = model.embedImages(pixels);
        for (int i = 0; i < pixels.size(); i++) {
            float[] expected = TestBundles.floats(images.get(i).get("image_embeds"));
            assertThat(TestBundles.cosine(embeddings[i], expected))
                    .as("cosine for %s", images.get(i).get("file").asText())
                    .isGreaterThanOrEqualTo(MIN_COSINE);
        }
    }

    @Test
    void reports_what_the_model_is() {
        ModelInfo info = model.info();
        assertThat(info.id()).isEqualTo(TestBundles.CLIP_TINY);
        assertThat(info.modalities()).containsExactlyInAnyOrder(Modality.TEXT, Modality.IMAGE);
        assertThat(info.dimensions()).isEqualTo(16);
        assertThat(info.maxTokens()).isEqualTo(77);
        assertThat(info.imageSize()).isEqualTo(224);
        assertThat(info.executionProvider()).isEqualTo(ExecutionProvider.CPU);
    }

    private static List<String> texts() {
        List<String> texts = new ArrayList<>();
        golden.get("texts").forEach(t -> texts.add(t.get("text").asText()));
        return texts;
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
