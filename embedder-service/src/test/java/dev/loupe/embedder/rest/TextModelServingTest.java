package dev.loupe.embedder.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.embedder.EmbeddingsJson;
import dev.loupe.embedder.Readiness;
import dev.loupe.embedder.TestImages;
import dev.loupe.encoders.TestBundles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * embedder-service serving a real text model (all-MiniLM-L6-v2, installed by fetch-text-model.sh)
 * beside the CLIP test model: texts embedded as the reference does, images refused for it.
 */
@QuarkusTest
@TestProfile(TextModelServingTest.WithTextModel.class)
class TextModelServingTest {

    private static final String TEXT_MODEL = "all-minilm-l6-v2";

    /** A models directory holding the CLIP test model and the text model. */
    public static class WithTextModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path models = Files.createTempDirectory("loupe-text-models");
                Files.createSymbolicLink(models.resolve(TestBundles.CLIP_TINY), TestBundles.clipTiny());
                TestBundles.installTextBundle(TEXT_MODEL, models);
                return Map.of(
                        "loupe.embedder.models-dir",
                        models.toString(),
                        "loupe.embedder.default-model",
                        TestBundles.CLIP_TINY);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @BeforeEach
    void modelsLoaded() {
        Readiness.awaitDefaultModel();
        // readiness waits for the default model only; the others load beside it
        org.awaitility.Awaitility.await("text model loaded")
                .atMost(java.time.Duration.ofMinutes(2))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(() ->
                        given().get("/v1/models").jsonPath().getList("data.id").contains(TEXT_MODEL));
    }

    @Test
    void embeds_texts_with_the_text_model_as_the_reference_does() throws IOException {
        JsonNode golden;
        try (InputStream in = TestBundles.class.getResourceAsStream("/golden/text/" + TEXT_MODEL + ".json")) {
            golden = new ObjectMapper().readTree(in);
        }
        List<String> texts = new ArrayList<>();
        golden.path("texts").forEach(t -> texts.add(t.path("text").asText()));
        List<String> firstTexts = texts.subList(0, 8);

        List<float[]> vectors = EmbeddingsJson.vectors(
                given().contentType(ContentType.JSON)
                        .body(Map.of("input", firstTexts, "model", TEXT_MODEL))
                        .post("/v1/embeddings/text"),
                TEXT_MODEL,
                384,
                firstTexts.size());

        for (int i = 0; i < firstTexts.size(); i++) {
            float[] expected =
                    new ObjectMapper().convertValue(golden.path("texts").get(i).path("embedding"), float[].class);
            assertThat(EmbeddingsJson.cosine(vectors.get(i), expected))
                    .as("%s", firstTexts.get(i))
                    .isGreaterThanOrEqualTo(0.9999);
        }
    }

    @Test
    void lists_both_models_and_refuses_images_for_the_text_model() {
        given().get("/v1/models")
                .then()
                .statusCode(200)
                .body("data.id", org.hamcrest.Matchers.hasItems(TestBundles.CLIP_TINY, TEXT_MODEL));
        String image = TestImages.GOLDEN.getFirst();
        TextEmbeddingResourceTest.problem(
                        given().multiPart("file", image, TestImages.golden(image), "image/jpeg")
                                .multiPart("model", TEXT_MODEL)
                                .post("/v1/embeddings/images"),
                        422)
                .body("title", org.hamcrest.Matchers.startsWith("This model cannot embed this kind of input"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
