package dev.loupe.search.classify;

import static dev.loupe.search.ProblemResponses.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.search.GoldenPhotosResource;
import dev.loupe.search.TestPhotos;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(GoldenPhotosResource.class)
class ClassifyResourceTest {

    private static final List<String> LABELS = List.of("cat", "dog", "pizza", "airplane");

    @Test
    void classifies_every_photo_with_probabilities_summing_to_one_and_a_histogram_of_top_labels() throws Exception {
        Response response = post(Map.of("labels", LABELS));
        JsonPath body = response.then().statusCode(200).extract().jsonPath();

        assertThat(body.getString("model")).isEqualTo(TestPhotos.MODEL);
        assertThat(body.getInt("templates")).isEqualTo(80);
        assertThat(body.getLong("total")).isEqualTo(TestPhotos.ALL.size());
        JsonNode tree = new ObjectMapper().readTree(response.asString());
        assertThat(keys(tree.get("histogram"))).containsExactlyElementsOf(LABELS);
        assertThat(keys(tree.get("photos").get(0).get("probabilities"))).containsExactlyElementsOf(LABELS);
        Map<String, Integer> histogram = body.getMap("histogram", String.class, Integer.class);
        assertThat(histogram.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(TestPhotos.ALL.size());
        List<Map<String, Object>> photos = body.getList("photos");
        assertThat(photos).hasSize(TestPhotos.ALL.size());
        for (int i = 0; i < photos.size(); i++) {
            Map<String, Float> p = body.getMap("photos[" + i + "].probabilities", String.class, Float.class);
            assertThat(p.keySet()).containsExactlyInAnyOrderElementsOf(LABELS);
            assertThat(p.values().stream().mapToDouble(Float::doubleValue).sum())
                    .isCloseTo(1.0, within(1e-5));
            String label = body.getString("photos[" + i + "].label");
            assertThat(p.get(label)).isEqualTo(Collections.max(p.values()));
            assertThat(body.getFloat("photos[" + i + "].probability")).isEqualTo(p.get(label));
        }
        List<Float> confidence = body.getList("photos.probability", Float.class);
        assertThat(confidence).isSortedAccordingTo((a, b) -> Float.compare(b, a));
    }

    @Test
    void classifies_named_photos_in_their_order_with_custom_templates() {
        List<String> ids = List.of("drawings/tux_b.png", "caltech_pizza.jpg");
        JsonPath body = json(Map.of("labels", LABELS, "templates", List.of("a photo of a {}."), "photoIds", ids));

        assertThat(body.getInt("templates")).isEqualTo(1);
        assertThat(body.getList("photos.id", String.class)).containsExactlyElementsOf(ids);
        assertThat(body.getLong("total")).isEqualTo(2);
    }

    @Test
    void a_filter_selects_the_photos_and_limit_bounds_the_listing_but_not_the_histogram() {
        JsonPath body = json(Map.of(
                "labels", LABELS, "filter", Map.of("field", "source", "op", "eq", "value", "caltech"), "limit", 3));

        assertThat(body.getLong("total")).isEqualTo(10);
        assertThat(body.getList("photos")).hasSize(3);
        Map<String, Integer> histogram = body.getMap("histogram", String.class, Integer.class);
        assertThat(histogram.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(10);
    }

    @Test
    void a_higher_logit_scale_would_sharpen_but_the_same_request_answers_the_same() {
        JsonPath first = json(Map.of("labels", LABELS, "photoIds", List.of("caltech_chair.jpg")));
        JsonPath again = json(Map.of("labels", LABELS, "photoIds", List.of("caltech_chair.jpg")));

        assertThat(again.getMap("photos[0].probabilities")).isEqualTo(first.getMap("photos[0].probabilities"));
    }

    @Test
    void classifies_an_uploaded_image_like_its_stored_copy() {
        String file = TestPhotos.MOST_DISTINCT;
        JsonPath upload = given().multiPart("image", file, TestPhotos.bytes(file), "image/jpeg")
                .multiPart("labels", "cat")
                .multiPart("labels", "dog")
                .multiPart("labels", "pizza")
                .multiPart("labels", "airplane")
                .post("/v1/classify")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        JsonPath stored = json(Map.of("labels", LABELS, "photoIds", List.of(file)));

        assertThat(upload.getLong("total")).isEqualTo(1);
        assertThat(upload.getString("photos[0].id")).isNull();
        assertThat(upload.getString("photos[0].label")).isEqualTo(stored.getString("photos[0].label"));
        assertThat(upload.getDouble("photos[0].probability"))
                .isCloseTo(stored.getDouble("photos[0].probability"), within(1e-3));
    }

    @Test
    void multipart_labels_may_be_one_json_array() {
        String file = TestPhotos.MOST_DISTINCT;
        given().multiPart("image", file, TestPhotos.bytes(file), "image/jpeg")
                .multiPart("labels", "[\"cat\", \"dog\"]")
                .post("/v1/classify")
                .then()
                .statusCode(200)
                .body("labels", equalTo(List.of("cat", "dog")));
    }

    @Test
    void refuses_bad_labels_and_templates_naming_the_field() {
        problem(post(Map.of("labels", List.of("cat"))), 400).body("field", equalTo("labels"));
        problem(post(Map.of("labels", List.of("cat", "cat"))), 400).body("field", equalTo("labels[1]"));
        problem(post(Map.of("labels", Arrays.asList("cat", " "))), 400).body("field", equalTo("labels[1]"));
        problem(post(Map.of("labels", Collections.nCopies(1001, "x"))), 400).body("field", equalTo("labels"));
        problem(post(Map.of("labels", LABELS, "templates", List.of("a photo"))), 400)
                .body("field", equalTo("templates[0]"));
        problem(post(Map.of("labels", LABELS, "templates", Collections.nCopies(101, "a {}"))), 400)
                .body("field", equalTo("templates"));
        problem(post(Map.of("labels", "cat")), 400);
    }

    @Test
    void refuses_bad_photo_selections() {
        problem(post(Map.of("labels", LABELS, "photoIds", List.of("no-such.jpg"))), 404)
                .body("title", startsWith("Unknown photo 'no-such.jpg'"));
        problem(
                        post(Map.of(
                                "labels", LABELS,
                                "photoIds", List.of("caltech_pizza.jpg"),
                                "filter", Map.of("field", "source", "op", "eq", "value", "caltech"))),
                        400)
                .body("field", equalTo("photoIds"));
        problem(post(Map.of("labels", LABELS, "filter", Map.of("field", "nope", "op", "eq", "value", "x"))), 400)
                .body("field", equalTo("filter"));
        problem(post(Map.of("labels", LABELS, "limit", 10_001)), 400).body("field", equalTo("limit"));
        problem(post(Map.of("labels", LABELS, "collection", "nope")), 404);
    }

    @Test
    void refuses_an_upload_together_with_stored_photos_and_a_corrupt_upload() {
        String file = TestPhotos.MOST_DISTINCT;
        problem(
                        given().multiPart("image", file, TestPhotos.bytes(file), "image/jpeg")
                                .multiPart("labels", "[\"cat\", \"dog\"]")
                                .multiPart("photoIds", "caltech_pizza.jpg")
                                .post("/v1/classify"),
                        400)
                .body("field", equalTo("image"));
        byte[] jpeg = TestPhotos.bytes(file);
        problem(
                        given().multiPart("image", "cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 3), "image/jpeg")
                                .multiPart("labels", "[\"cat\", \"dog\"]")
                                .post("/v1/classify"),
                        422)
                .body("reason", equalTo("CORRUPT"));
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Response post(Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/classify");
    }

    private static JsonPath json(Object body) {
        return post(body).then().statusCode(200).extract().jsonPath();
    }
}
