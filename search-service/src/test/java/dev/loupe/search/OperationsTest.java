package dev.loupe.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Health, metrics and the API document: what operators and clients rely on besides the API itself. */
@QuarkusTest
@WithTestResource(GoldenPhotosResource.class)
class OperationsTest {

    @Test
    void readiness_reports_the_model_and_that_it_is_not_meaningful() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'search' }.data.model", equalTo(TestPhotos.MODEL))
                .body("checks.find { it.name == 'search' }.data.meaningful", equalTo(false));
    }

    @Test
    void liveness_reports_running_batchers() {
        given().get("/q/health/live")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'query-encoder' }.data.clip-tiny-random", equalTo("running"));
    }

    @Test
    void metrics_count_queries_and_query_batches() {
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "a cat"))
                .post("/v1/search")
                .then()
                .statusCode(200);

        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("loupe_search_queries_total{kind=\"search\"}"))
                .body(containsString(
                        "loupe_search_encoder_batch_size_count{modality=\"text\",model=\"clip-tiny-random\"}"))
                .body(containsString("loupe_search_encoder_queue_items{modality=\"image\",model=\"clip-tiny-random\"}"))
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void serves_the_openapi_document_with_every_endpoint_and_the_combination_formula() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", hasKey("/v1/search"))
                .body("paths", hasKey("/v1/photos/{id}"))
                .body("paths", hasKey("/v1/photos/{id}/similar"))
                .body("paths", hasKey("/v1/photos/{id}/thumbnail"))
                .body("paths", hasKey("/v1/collections"))
                .body("paths", hasKey("/v1/collections/{name}/duplicates"))
                .body("paths", hasKey("/v1/classify"))
                .body("paths", hasKey("/v1/status"))
                .body("paths.'/v1/search'.post.description", containsString("w_negativeText"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.schemas", hasKey("SearchRequest"));
    }

    @Test
    void serves_the_swagger_ui() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void unknown_paths_answer_problem_404() {
        ProblemResponses.problem(given().get("/v1/nothing-here"), 404);
    }
}
