package dev.loupe.embedder.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.loupe.embedder.Readiness;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ModelResourceTest {

    @BeforeEach
    void modelLoaded() {
        Readiness.awaitDefaultModel();
    }

    @Test
    void lists_the_test_model_as_the_default_with_what_it_embeds() {
        given().get("/v1/models")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("data", hasSize(1))
                .body("data[0].id", equalTo("clip-tiny-random"))
                .body("data[0].modalities", contains("image", "text"))
                .body("data[0].dimensions", equalTo(16))
                .body("data[0].maxTokens", equalTo(77))
                .body("data[0].imageSize", equalTo(224))
                .body("data[0].executionProvider", equalTo("cpu"))
                .body("data[0].default", equalTo(true))
                .body("data[0].queryPrompt", equalTo("")) // CLIP needs no query instruction
                .body("data[0].size()", equalTo(8));
    }
}
