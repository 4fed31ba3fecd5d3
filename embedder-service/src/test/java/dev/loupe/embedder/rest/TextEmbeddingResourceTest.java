package dev.loupe.embedder.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.embedder.EmbeddingsJson;
import dev.loupe.embedder.Readiness;
import dev.loupe.encoders.TestBundles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TextEmbeddingResourceTest {

    private static final String MODEL = "clip-tiny-random";
    private static final int DIMENSIONS = 16;
    private static final double SAME = 0.9999; // cosine: equal up to float rounding

    @BeforeEach
    void modelLoaded() {
        Readiness.awaitDefaultModel();
    }

    @Test
    void embeds_texts_as_unit_vectors_in_input_order_with_the_contract_shape() {
        List<String> texts = List.of("a photo of a cat", "a house by the lake", "a dog on a beach");

        List<float[]> together = EmbeddingsJson.vectors(post(Map.of("input", texts)), MODEL, DIMENSIONS, 3);

        for (int i = 0; i < texts.size(); i++) {
            float[] alone = EmbeddingsJson.vectors(post(Map.of("input", List.of(texts.get(i)))), MODEL, DIMENSIONS, 1)
                    .getFirst();
            assertThat(EmbeddingsJson.cosine(together.get(i), alone))
                    .as("text %d embedded alone and in the batch", i)
                    .isGreaterThan(SAME);
        }
        assertThat(EmbeddingsJson.cosine(together.get(0), together.get(1))).isLessThan(SAME);
    }

    @Test
    void matches_the_reference_embeddings_of_the_golden_texts() {
        JsonNode golden = TestBundles.golden().get("texts");
        List<String> texts = new ArrayList<>();
        golden.forEach(text -> texts.add(text.get("text").asText()));

        List<float[]> vectors =
                EmbeddingsJson.vectors(post(Map.of("input", texts, "model", MODEL)), MODEL, DIMENSIONS, texts.size());

        for (int i = 0; i < texts.size(); i++) {
            float[] expected = TestBundles.floats(golden.get(i).get("text_embeds"));
            assertThat(EmbeddingsJson.cosine(vectors.get(i), expected))
                    .as("golden text %d: %s", i, texts.get(i))
                    .isGreaterThan(SAME);
        }
    }

    @Test
    void refuses_an_empty_input_list_with_400() {
        problem(post(Map.of("input", List.of())), 400)
                .body("title", startsWith("Invalid 'input'"))
                .body("type", equalTo("urn:loupe:problem:invalid-request"));
    }

    @Test
    void refuses_a_missing_body_with_400() {
        problem(given().contentType(ContentType.JSON).post("/v1/embeddings/text"), 400)
                .body("title", startsWith("The request body is missing"));
    }

    @Test
    void refuses_a_null_text_naming_its_index() {
        List<String> texts = new ArrayList<>(List.of("a", "b"));
        texts.add(null);
        problem(post(Map.of("input", texts)), 400).body("index", equalTo(2));
    }

    @Test
    void refuses_a_text_longer_than_the_limit_naming_its_index() {
        List<String> texts = List.of("fine", "x".repeat(2049));
        problem(post(Map.of("input", texts)), 400)
                .body("index", equalTo(1))
                .body("reason", equalTo("TEXT_TOO_LONG"))
                .body("title", equalTo("Text 1 is too long: 2049 characters, at most 2048"));
    }

    @Test
    void refuses_more_texts_than_the_per_request_limit() {
        problem(post(Map.of("input", Collections.nCopies(33, "a cat"))), 400)
                .body("reason", equalTo("TOO_MANY_ITEMS"))
                .body("title", equalTo("Too many texts: 33 in one request, at most 32"));
    }

    @Test
    void answers_404_naming_the_known_models_for_an_unknown_model() {
        problem(post(Map.of("input", List.of("a cat"), "model", "no-such-model")), 404)
                .body("title", startsWith("Unknown model 'no-such-model'"))
                .body("detail", equalTo("The models here are [clip-tiny-random]."));
    }

    @Test
    void answers_400_problem_for_malformed_json() {
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"input\": [\"a\",")
                                .post("/v1/embeddings/text"),
                        400)
                .body("type", equalTo("urn:loupe:problem:malformed-json"))
                .body("title", startsWith("The request body is not valid JSON"));
    }

    @Test
    void answers_400_problem_naming_the_field_for_json_of_the_wrong_shape() {
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"input\": \"a cat\"}")
                                .post("/v1/embeddings/text"),
                        400)
                .body("title", org.hamcrest.Matchers.endsWith("expected an array"));
    }

    @Test
    void stays_healthy_after_bad_input() {
        post(Map.of("input", List.of()));
        given().body("{").contentType(ContentType.JSON).post("/v1/embeddings/text");

        EmbeddingsJson.vectors(post(Map.of("input", List.of("still here"))), MODEL, DIMENSIONS, 1);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static Response post(Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/embeddings/text");
    }

    static io.restassured.response.ValidatableResponse problem(Response response, int status) {
        return response.then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", startsWith("urn:loupe:problem:"))
                .body("title", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
    }
}
