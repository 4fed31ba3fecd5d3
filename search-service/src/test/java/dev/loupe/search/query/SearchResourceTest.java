package dev.loupe.search.query;

import static dev.loupe.search.ProblemResponses.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.loupe.search.GoldenPhotosResource;
import dev.loupe.search.TestPhotos;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(GoldenPhotosResource.class)
class SearchResourceTest {

    private static final float SAME = 0.9999f; // cosine: the same vector up to float rounding

    @Test
    void text_search_answers_every_photo_best_first_with_cosine_scores() {
        JsonPath body = json(Map.of("text", "a photo of a dog", "limit", 50));

        List<Map<String, Object>> hits = body.getList("hits");
        assertThat(body.getString("collection")).isEqualTo("photos");
        assertThat(hits).hasSize(TestPhotos.ALL.size());
        float[] scores = scores(body);
        for (int i = 0; i < scores.length; i++) {
            assertThat(scores[i]).isBetween(-1f, 1f);
            if (i > 0) {
                assertThat(scores[i]).isLessThanOrEqualTo(scores[i - 1]);
            }
        }
        Map<String, Object> first = hits.getFirst();
        assertThat(first).containsKeys("id", "score", "url", "thumbnailUrl", "title", "tags", "description");
        assertThat(first.get("collection")).isEqualTo("photos");
    }

    @Test
    void limit_defaults_to_20_and_offset_pages_through_the_same_ranking() {
        List<String> all = ids(json(Map.of("text", "a red car", "limit", 18)));
        List<String> page = ids(json(Map.of("text", "a red car", "limit", 5, "offset", 5)));

        assertThat(page).containsExactlyElementsOf(all.subList(5, 10));
        assertThat(ids(json(Map.of("text", "a red car")))).hasSize(18); // 20 by default, 18 exist
    }

    @Test
    void a_tags_filter_narrows_the_hits() {
        JsonPath body =
                json(Map.of("text", "a penguin", "filter", Map.of("field", "tags", "op", "contains", "value", "tux")));

        assertThat(ids(body)).containsExactlyInAnyOrder("drawings/tux_a.png", "drawings/tux_b.png");
    }

    @Test
    void a_combined_filter_on_source_and_date_narrows_the_hits() {
        JsonPath body = json(Map.of(
                "text",
                "anything",
                "filter",
                Map.of(
                        "and",
                        List.of(
                                Map.of("field", "source", "op", "eq", "value", "caltech"),
                                Map.of("field", "takenAt", "op", "lt", "value", "2024-01-03T00:00:00Z")))));

        assertThat(ids(body)).containsExactlyInAnyOrder("caltech_Faces_easy.jpg", "caltech_accordion.jpg");
    }

    @Test
    void hostile_filter_values_are_plain_values() {
        for (String hostile : List.of(
                "x' OR '1'='1",
                "tux\" || true || \"",
                "*:*",
                "\\\\",
                "tags:tux OR id:*",
                "caltech) OR (1==1",
                "😀\u0000\n")) {
            JsonPath body =
                    json(Map.of("text", "x", "filter", Map.of("field", "tags", "op", "contains", "value", hostile)));
            assertThat(ids(body)).as(hostile).isEmpty();
        }
    }

    @Test
    void photo_id_search_ranks_the_photo_itself_first_with_score_one() {
        String id = "caltech_pizza.jpg";
        JsonPath body = json(Map.of("photoId", id, "limit", 3));

        assertThat(ids(body).getFirst()).isEqualTo(id);
        assertThat(scores(body)[0]).isGreaterThan(SAME);
    }

    @Test
    void an_id_with_a_slash_works_as_photo_id() {
        JsonPath body = json(Map.of("photoId", TestPhotos.SLASHED_ID, "limit", 1));

        assertThat(ids(body)).containsExactly(TestPhotos.SLASHED_ID);
    }

    @Test
    void an_uploaded_image_finds_the_same_photo_first() {
        String file = TestPhotos.MOST_DISTINCT;
        Response response = given().multiPart("image", file, TestPhotos.bytes(file), "image/jpeg")
                .multiPart("limit", "3")
                .post("/v1/search");

        JsonPath body = response.then().statusCode(200).extract().jsonPath();
        assertThat(ids(body).getFirst()).isEqualTo(file);
        assertThat(scores(body)[0]).isGreaterThan(SAME);
        assertThat(scores(body)[1]).isLessThan(SAME);
    }

    @Test
    void an_uploaded_image_combines_with_form_fields_for_filter_and_weights() {
        String file = TestPhotos.MOST_DISTINCT;
        JsonPath body = given().multiPart("image", file, TestPhotos.bytes(file), "image/jpeg")
                .multiPart("text", "a penguin")
                .multiPart("weights", "{\"text\": 0.5, \"image\": 1}")
                .multiPart("filter", "{\"field\": \"source\", \"op\": \"eq\", \"value\": \"flickr\"}")
                .post("/v1/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(ids(body)).hasSize(6).allMatch(id -> id.startsWith("flickr_"));
    }

    @Test
    void negative_text_changes_the_ranking() {
        List<String> plain = ids(json(Map.of("text", "a photo of a cat", "limit", 18)));
        JsonPath steered = json(Map.of(
                "text",
                "a photo of a cat",
                "negativeText",
                "a diagram",
                "weights",
                Map.of("negativeText", 1),
                "limit",
                18));

        assertThat(ids(steered)).containsExactlyInAnyOrderElementsOf(plain).isNotEqualTo(plain);
    }

    @Test
    void a_zero_negative_weight_leaves_the_ranking_unchanged() {
        JsonPath plain = json(Map.of("text", "a photo of a cat", "limit", 18));
        JsonPath ignored = json(Map.of(
                "text",
                "a photo of a cat",
                "negativeText",
                "a diagram",
                "weights",
                Map.of("negativeText", 0),
                "limit",
                18));

        assertThat(ids(ignored)).isEqualTo(ids(plain));
    }

    @Test
    void min_score_drops_weaker_hits() {
        JsonPath body = json(Map.of("photoId", "caltech_pizza.jpg", "minScore", 0.9999, "limit", 18));

        assertThat(ids(body)).containsExactly("caltech_pizza.jpg");
    }

    @Test
    void refuses_a_request_without_a_positive_part() {
        problem(post(Map.of("negativeText", "people")), 400).body("title", startsWith("Nothing to search for"));
        problem(post(Map.of("text", "   ")), 400).body("title", startsWith("Nothing to search for"));
        problem(post(Map.of("text", "a cat", "weights", Map.of("text", 0))), 400)
                .body("title", startsWith("Nothing to search for"));
    }

    @Test
    void refuses_bad_weights_naming_the_key() {
        problem(post(Map.of("text", "a cat", "weights", Map.of("text", -1))), 400)
                .body("field", equalTo("weights.text"));
        problem(post(Map.of("text", "a cat", "weights", Map.of("text", 101))), 400)
                .body("field", equalTo("weights.text"));
        problem(post(Map.of("text", "a cat", "weights", Map.of("txt", 1))), 400)
                .body("field", equalTo("weights"))
                .body("title", containsString("unknown key 'txt'"));
        problem(post(Map.of("text", "a cat", "weights", Map.of("text", "heavy"))), 400)
                .body("field", equalTo("weights.text"));
        problem(post(Map.of("text", "a cat", "weights", List.of(1, 2))), 400).body("field", equalTo("weights"));
    }

    @Test
    void refuses_a_limit_above_1000_and_a_negative_offset() {
        problem(post(Map.of("text", "a cat", "limit", 1001)), 400)
                .body("field", equalTo("limit"))
                .body("title", equalTo("Invalid 'limit': at most 1000, got 1001"));
        problem(post(Map.of("text", "a cat", "limit", 0)), 400).body("field", equalTo("limit"));
        problem(post(Map.of("text", "a cat", "offset", -1)), 400).body("field", equalTo("offset"));
        problem(post(Map.of("text", "a cat", "limit", 10_000_000_000L)), 400).body("field", equalTo("limit"));
        problem(given().multiPart("text", "a cat").multiPart("limit", "1001").post("/v1/search"), 400)
                .body("field", equalTo("limit"));
        problem(given().multiPart("text", "a cat").multiPart("limit", "many").post("/v1/search"), 400)
                .body("field", equalTo("limit"));
    }

    @Test
    void refuses_a_bad_filter_naming_the_path_at_fault() {
        problem(
                        post(Map.of(
                                "text",
                                "a cat",
                                "filter",
                                Map.of("and", List.of(Map.of("field", "width", "op", "gte", "value", "wide"))))),
                        400)
                .body("field", equalTo("filter"))
                .body("title", startsWith("Invalid 'filter': $.and[0].value"));
        problem(post(Map.of("text", "a cat", "filter", Map.of("field", "colour", "op", "eq", "value", "red"))), 400)
                .body("title", containsString("unknown filter field 'colour'"));
        problem(
                        given().multiPart("text", "a cat")
                                .multiPart("filter", "{not json")
                                .post("/v1/search"),
                        400)
                .body("field", equalTo("filter"));
    }

    @Test
    void answers_404_for_an_unknown_photo_id_and_collection() {
        problem(post(Map.of("photoId", "no-such-photo.jpg")), 404).body("title", containsString("no-such-photo.jpg"));
        problem(post(Map.of("photoId", "x".repeat(40_000))), 404).body("title", containsString("xxx…"));
        problem(post(Map.of("text", "a cat", "collection", "nope")), 404).body("field", equalTo("collection"));
    }

    @Test
    void refuses_a_corrupt_upload_with_422_and_a_text_file_with_415() {
        byte[] jpeg = TestPhotos.bytes("caltech_pizza.jpg");
        problem(
                        given().multiPart("image", "cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 3), "image/jpeg")
                                .post("/v1/search"),
                        422)
                .body("reason", equalTo("CORRUPT"))
                .body("field", equalTo("image"));
        problem(
                        given().multiPart("image", "notes.txt", "not an image".getBytes(), "text/plain")
                                .post("/v1/search"),
                        415)
                .body("reason", equalTo("UNSUPPORTED_FORMAT"));
        problem(
                        given().multiPart("image", "empty.jpg", new byte[0], "image/jpeg")
                                .post("/v1/search"),
                        400)
                .body("reason", equalTo("EMPTY"));
    }

    @Test
    void refuses_two_uploaded_images() {
        String file = TestPhotos.MOST_DISTINCT;
        problem(
                        given().multiPart("image", file, TestPhotos.bytes(file), "image/jpeg")
                                .multiPart("image", file, TestPhotos.bytes(file), "image/jpeg")
                                .post("/v1/search"),
                        400)
                .body("field", equalTo("image"));
    }

    @Test
    void image_urls_of_private_addresses_are_refused() {
        // refused on the address decision, before any connection
        problem(post(Map.of("imageUrl", "http://127.0.0.1:9/cat.jpg")), 422)
                .body("field", equalTo("imageUrl"))
                .body("reason", equalTo("REFUSED"))
                .body("title", startsWith("The 'imageUrl' could not be used"));
        problem(post(Map.of("imageUrl", "file:///etc/passwd")), 400).body("field", equalTo("imageUrl"));
        problem(post(Map.of("imageUrl", "not a url")), 400).body("field", equalTo("imageUrl"));
    }

    @Test
    void refuses_malformed_and_mistyped_bodies_with_400() {
        problem(given().contentType(ContentType.JSON).body("{\"text\": ").post("/v1/search"), 400);
        problem(given().contentType(ContentType.JSON).body("{\"text\": [1, 2]}").post("/v1/search"), 400);
        problem(given().contentType(ContentType.JSON).body("").post("/v1/search"), 400);
        problem(given().contentType(ContentType.TEXT).body("a cat").post("/v1/search"), 415);
    }

    @Test
    void refuses_a_text_longer_than_the_limit() {
        problem(post(Map.of("text", "a".repeat(2049))), 400).body("field", equalTo("text"));
    }

    @Test
    void a_text_and_its_own_negative_cancel_out_with_422() {
        problem(post(Map.of("text", "a cat", "negativeText", "a cat", "weights", Map.of("negativeText", 1))), 422)
                .body("type", equalTo("urn:loupe:problem:degenerate-query"));
    }

    @Test
    void concurrent_searches_answer_like_sequential_ones() throws Exception {
        List<String> texts = List.of(
                "a cat", "a dog", "a house by the lake", "a red car", "pizza", "a penguin", "sunflowers", "a watch");
        List<float[]> sequential = texts.stream()
                .map(text -> scores(json(Map.of("text", text, "limit", 18))))
                .toList();

        List<Future<JsonPath>> concurrent = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < 4; round++) {
                for (String text : texts) {
                    concurrent.add(clients.submit(() -> json(Map.of("text", text, "limit", 18))));
                }
            }
            for (int i = 0; i < concurrent.size(); i++) {
                float[] expected = sequential.get(i % texts.size());
                assertThat(scores(concurrent.get(i).get(60, TimeUnit.SECONDS)))
                        .as(texts.get(i % texts.size()))
                        .containsExactly(expected, within(1e-4f));
            }
        }
    }

    static Response post(Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/search");
    }

    static JsonPath json(Object body) {
        return post(body).then().statusCode(200).extract().jsonPath();
    }

    static List<String> ids(JsonPath body) {
        return body.getList("hits.id", String.class);
    }

    static float[] scores(JsonPath body) {
        List<Float> scores = body.getList("hits.score", Float.class);
        float[] out = new float[scores.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores.get(i);
        }
        return out;
    }
}
