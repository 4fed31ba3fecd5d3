package dev.loupe.search;

import static dev.loupe.search.ProblemResponses.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service ({@code quarkus-run.jar}, prod profile) started on a temporary data directory
 * holding the golden photos, driven over HTTP.
 */
@QuarkusIntegrationTest
@WithTestResource(GoldenPhotosResource.class)
class SearchServiceIT {

    @Test
    void a_text_search_answers_the_indexed_photos_best_first() {
        JsonPath body = given().contentType(ContentType.JSON)
                .body(Map.of("text", "a house by the lake", "limit", 50))
                .post("/v1/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(body.getList("hits.id", String.class)).hasSize(TestPhotos.ALL.size());
        List<Float> scores = body.getList("hits.score", Float.class);
        assertThat(scores).allMatch(s -> s >= -1 && s <= 1).isSortedAccordingTo((a, b) -> Float.compare(b, a));
    }

    @Test
    void an_uploaded_photo_finds_itself_first() {
        String file = TestPhotos.MOST_DISTINCT;
        given().multiPart("image", file, TestPhotos.bytes(file), "image/jpeg")
                .post("/v1/search")
                .then()
                .statusCode(200)
                .body("hits[0].id", equalTo(file));
    }

    @Test
    void reports_the_test_model_as_not_meaningful_and_is_ready() {
        given().get("/v1/status").then().statusCode(200).body("model.meaningful", equalTo(false));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void bad_input_gets_a_problem_not_a_500() {
        problem(
                given().contentType(ContentType.JSON)
                        .body(Map.of("text", "a cat", "limit", 1001))
                        .post("/v1/search"),
                400);
        problem(given().get("/v1/photos/no-such-photo.jpg"), 404);
    }
}
