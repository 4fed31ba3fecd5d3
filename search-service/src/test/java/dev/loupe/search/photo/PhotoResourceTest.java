package dev.loupe.search.photo;

import static dev.loupe.search.ProblemResponses.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.loupe.search.GoldenPhotosResource;
import dev.loupe.search.TestPhotos;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(GoldenPhotosResource.class)
class PhotoResourceTest {

    @Test
    void answers_a_photo_with_its_metadata_and_without_a_score_or_vector() {
        given().get("/v1/photos/caltech_pizza.jpg")
                .then()
                .statusCode(200)
                .body("id", equalTo("caltech_pizza.jpg"))
                .body("title", equalTo("A pizza"))
                .body("tags", contains("caltech", "pizza"))
                .body("source", equalTo("caltech"))
                .body("width", equalTo(300))
                .body("height", equalTo(287))
                .body("takenAt", equalTo("2024-01-07T00:00:00Z"))
                .body("collection", equalTo("photos"))
                .body("modelId", equalTo(TestPhotos.MODEL))
                .body("extra.file", equalTo("caltech_pizza.jpg"))
                .body("$", not(hasKey("score")))
                .body("$", not(hasKey("vector")));
    }

    @Test
    void an_id_with_a_slash_is_sent_percent_encoded() {
        given().urlEncodingEnabled(false)
                .get("/v1/photos/drawings%2Ftux_a.png")
                .then()
                .statusCode(200)
                .body("id", equalTo(TestPhotos.SLASHED_ID));
    }

    @Test
    void answers_404_problem_for_an_unknown_photo_or_collection() {
        problem(given().get("/v1/photos/no-such-photo.jpg"), 404).body("title", containsString("'no-such-photo.jpg'"));
        problem(given().get("/v1/photos/" + "x".repeat(3000)), 404);
        problem(given().queryParam("collection", "nope").get("/v1/photos/caltech_pizza.jpg"), 404)
                .body("field", equalTo("collection"));
    }

    @Test
    void similar_photos_exclude_the_photo_itself_best_first() {
        JsonPath body = given().queryParam("limit", 17)
                .get("/v1/photos/caltech_pizza.jpg/similar")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        List<String> ids = body.getList("hits.id", String.class);
        List<Float> scores = body.getList("hits.score", Float.class);
        assertThat(ids).hasSize(17).doesNotContain("caltech_pizza.jpg");
        assertThat(scores).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        assertThat(body.getString("collection")).isEqualTo("photos");
    }

    @Test
    void similar_photos_follow_limit_and_refuse_bad_ones() {
        given().queryParam("limit", 3)
                .get("/v1/photos/caltech_pizza.jpg/similar")
                .then()
                .statusCode(200)
                .body("hits.size()", equalTo(3));
        problem(given().queryParam("limit", 1001).get("/v1/photos/caltech_pizza.jpg/similar"), 400)
                .body("field", equalTo("limit"));
        problem(given().queryParam("limit", "ten").get("/v1/photos/caltech_pizza.jpg/similar"), 400)
                .body("field", equalTo("limit"));
        problem(given().get("/v1/photos/no-such-photo.jpg/similar"), 404);
    }

    @Test
    void thumbnails_answer_404_until_an_importer_keeps_them() {
        problem(given().get("/v1/photos/caltech_pizza.jpg/thumbnail"), 404)
                .body("type", equalTo("urn:loupe:problem:no-thumbnail"));
        problem(given().get("/v1/photos/no-such-photo.jpg/thumbnail"), 404)
                .body("type", equalTo("urn:loupe:problem:unknown-photo"));
    }
}
