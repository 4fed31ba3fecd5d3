package dev.loupe.search.photo;

import static dev.loupe.search.ProblemResponses.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.loupe.search.GoldenPhotosResource;
import dev.loupe.search.TestPhotos;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(GoldenPhotosResource.class)
class PhotoListResourceTest {

    @Test
    void pages_cover_every_photo_once_in_the_same_order_as_one_big_page() {
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < TestPhotos.ALL.size(); offset += 5) {
            JsonPath page = page(Map.of("offset", offset, "limit", 5));
            assertThat(page.getLong("total")).isEqualTo(TestPhotos.ALL.size());
            assertThat(page.getInt("offset")).isEqualTo(offset);
            assertThat(page.getInt("limit")).isEqualTo(5);
            assertThat(page.getString("collection")).isEqualTo(GoldenPhotosResource.COLLECTION);
            paged.addAll(page.getList("photos.id", String.class));
        }

        List<String> whole = page(Map.of("limit", 100)).getList("photos.id", String.class);
        assertThat(paged)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        TestPhotos.ALL.stream().map(TestPhotos.Photo::id).toList())
                .containsExactlyElementsOf(whole);
    }

    @Test
    void photos_on_a_page_carry_their_metadata_and_thumbnail_url_but_no_score() {
        List<Map<String, Object>> photos = page(Map.of("limit", 3)).getList("photos");

        assertThat(photos).hasSize(3).allSatisfy(photo -> {
            assertThat(photo).containsKeys("id", "url", "thumbnailUrl", "title", "tags", "collection");
            assertThat(photo).doesNotContainKeys("score", "vector");
        });
    }

    @Test
    void the_default_page_holds_24_photos_and_the_first_one() {
        JsonPath page = page(Map.of());

        assertThat(page.getInt("offset")).isZero();
        assertThat(page.getInt("limit")).isEqualTo(24);
        assertThat(page.getList("photos")).hasSize(TestPhotos.ALL.size());
    }

    @Test
    void a_filter_narrows_the_photos_and_the_total() {
        JsonPath page = page(Map.of("filter", "{\"field\": \"tags\", \"op\": \"contains\", \"value\": \"tux\"}"));

        assertThat(page.getLong("total")).isEqualTo(2);
        assertThat(page.getList("photos.id", String.class))
                .containsExactlyInAnyOrder(TestPhotos.SLASHED_ID, "drawings/tux_b.png");
    }

    @Test
    void an_offset_past_the_end_answers_no_photos_and_the_total() {
        JsonPath page = page(Map.of("offset", 40));

        assertThat(page.getLong("total")).isEqualTo(TestPhotos.ALL.size());
        assertThat(page.getList("photos")).isEmpty();
    }

    @Test
    void refuses_bad_paging_and_filters_with_400_and_unknown_collections_with_404() {
        problem(given().queryParam("limit", 0).get("/v1/photos"), 400).body("field", equalTo("limit"));
        problem(given().queryParam("limit", 101).get("/v1/photos"), 400).body("field", equalTo("limit"));
        problem(given().queryParam("limit", "many").get("/v1/photos"), 400).body("field", equalTo("limit"));
        problem(given().queryParam("offset", -1).get("/v1/photos"), 400).body("field", equalTo("offset"));
        problem(given().queryParam("offset", 10_001).get("/v1/photos"), 400).body("field", equalTo("offset"));
        problem(given().queryParam("filter", "{\"field\": \"tags\"").get("/v1/photos"), 400)
                .body("field", equalTo("filter"));
        problem(
                        given().queryParam("filter", "{\"field\": \"colour\", \"op\": \"eq\", \"value\": 1}")
                                .get("/v1/photos"),
                        400)
                .body("field", equalTo("filter"));
        problem(given().queryParam("collection", "nope").get("/v1/photos"), 404).body("field", equalTo("collection"));
    }

    private static JsonPath page(Map<String, ?> query) {
        return given().queryParams(query)
                .get("/v1/photos")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
