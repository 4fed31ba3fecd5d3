package dev.loupe.embedder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Health, metrics and the API document: what operators and clients rely on besides the API itself. */
@QuarkusTest
class OperationsTest {

    @BeforeEach
    void modelLoaded() {
        Readiness.awaitDefaultModel();
    }

    @Test
    void readiness_is_up_once_the_default_model_is_loaded() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'default-model' }.data.default", equalTo("clip-tiny-random"));
    }

    @Test
    void liveness_reports_running_batchers() {
        given().get("/q/health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'batchers' }.data.clip-tiny-random", equalTo("running"));
    }

    @Test
    void metrics_expose_the_batch_size_histogram_and_item_counters_per_model_and_modality() {
        given().contentType(ContentType.JSON)
                .body(Map.of("input", List.of("a cat", "a dog")))
                .post("/v1/embeddings/text")
                .then()
                .statusCode(200);

        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString(
                        "loupe_embedder_batch_size_bucket{modality=\"text\",model=\"clip-tiny-random\",le=\"1.0\"}"))
                .body(containsString("loupe_embedder_batch_size_count{modality=\"text\""))
                .body(containsString("loupe_embedder_inference_seconds_bucket{modality=\"text\""))
                .body(containsString("loupe_embedder_request_seconds_count{modality=\"text\""))
                .body(containsString("loupe_embedder_items_total{modality=\"text\",model=\"clip-tiny-random\"}"))
                .body(containsString("loupe_embedder_queue_items{modality=\"image\",model=\"clip-tiny-random\"}"));
    }

    @Test
    void serves_the_openapi_document_with_both_endpoints_and_the_problem_schema() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", hasKey("/v1/embeddings/images"))
                .body("paths", hasKey("/v1/embeddings/text"))
                .body("paths", hasKey("/v1/models"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.schemas", hasKey("EmbeddingResponse"));
    }

    @Test
    void serves_the_swagger_ui() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
