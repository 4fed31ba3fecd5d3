package dev.loupe.search.collection;

import static dev.loupe.search.ProblemResponses.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.loupe.search.GoldenPhotosResource;
import dev.loupe.search.TestPhotos;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.VectorStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(GoldenPhotosResource.class)
class CollectionResourceTest {

    private static final String COPY_COLLECTION = "duplicates_test";
    private static final double NEAR_ONE = 0.9999; // above every pair of distinct golden photos (max 0.998)

    @Inject
    VectorStore store;

    @Test
    void lists_the_default_collection_with_its_size_and_the_model() {
        JsonPath body =
                given().get("/v1/collections").then().statusCode(200).extract().jsonPath();

        assertThat(body.getString("model.id")).isEqualTo(TestPhotos.MODEL);
        assertThat(body.getBoolean("model.meaningful")).isFalse();
        Map<String, Object> photos = body.getMap("collections.find { it.name == 'photos' }");
        assertThat(photos)
                .containsEntry("dimension", TestPhotos.DIMENSIONS)
                .containsEntry("metric", "cosine")
                .containsEntry("count", TestPhotos.ALL.size())
                .containsEntry("model", TestPhotos.MODEL)
                .containsEntry("default", true);
    }

    @Test
    void status_says_the_test_model_is_not_meaningful() {
        given().get("/v1/status")
                .then()
                .statusCode(200)
                .body("model.id", equalTo(TestPhotos.MODEL))
                .body("model.dimensions", equalTo(TestPhotos.DIMENSIONS))
                .body("model.meaningful", equalTo(false))
                .body("defaultCollection", equalTo("photos"));
    }

    @Test
    void finds_an_exact_duplicate_upserted_under_a_second_id() {
        copyPhotosWithOneDuplicate("caltech_pizza.jpg", "pizza-again.jpg");

        JsonPath body = given().queryParam("threshold", NEAR_ONE)
                .get("/v1/collections/" + COPY_COLLECTION + "/duplicates")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(body.getInt("scanned")).isEqualTo(TestPhotos.ALL.size() + 1);
        assertThat(body.getBoolean("exact")).isTrue();
        assertThat(body.getInt("totalGroups")).isEqualTo(1);
        assertThat(body.getList("groups[0].photos.id", String.class))
                .containsExactly("caltech_pizza.jpg", "pizza-again.jpg");
        assertThat(body.getInt("groups[0].size")).isEqualTo(2);
        assertThat(body.getDouble("groups[0].minScore")).isGreaterThan(NEAR_ONE);
    }

    @Test
    void a_low_threshold_joins_look_alikes_into_groups_with_their_weakest_link() {
        JsonPath body = given().queryParam("threshold", 0.99)
                .queryParam("limit", 1)
                .get("/v1/collections/photos/duplicates")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(body.getInt("totalGroups")).isGreaterThanOrEqualTo(1);
        assertThat(body.getList("groups")).hasSize(1);
        assertThat(body.getInt("groups[0].size")).isGreaterThanOrEqualTo(2);
        assertThat(body.getDouble("groups[0].minScore")).isGreaterThanOrEqualTo(0.99);
        assertThat(body.getDouble("groups[0].maxScore")).isGreaterThanOrEqualTo(body.getDouble("groups[0].minScore"));
    }

    @Test
    void refuses_bad_thresholds_and_limits_and_unknown_collections() {
        problem(given().queryParam("threshold", 0).get("/v1/collections/photos/duplicates"), 400)
                .body("field", equalTo("threshold"));
        problem(given().queryParam("threshold", 1.5).get("/v1/collections/photos/duplicates"), 400)
                .body("field", equalTo("threshold"));
        problem(given().queryParam("threshold", "high").get("/v1/collections/photos/duplicates"), 400)
                .body("field", equalTo("threshold"));
        problem(given().queryParam("limit", 1001).get("/v1/collections/photos/duplicates"), 400)
                .body("field", equalTo("limit"));
        problem(given().get("/v1/collections/nope/duplicates"), 404);
    }

    private void copyPhotosWithOneDuplicate(String original, String copyId) {
        store.dropCollection(COPY_COLLECTION);
        store.createCollection(CollectionSpec.of(COPY_COLLECTION, TestPhotos.DIMENSIONS));
        List<PhotoRecord> records = new ArrayList<>();
        store.forEach(GoldenPhotosResource.COLLECTION, Filter.all(), 100, records::addAll);
        PhotoRecord source = records.stream()
                .filter(r -> r.id().equals(original))
                .findFirst()
                .orElseThrow();
        records.add(new PhotoRecord(
                copyId,
                source.vector(),
                COPY_COLLECTION,
                source.url(),
                null,
                source.title(),
                null,
                source.tags(),
                source.width(),
                source.height(),
                source.source(),
                null,
                null,
                null,
                source.modelId(),
                null));
        store.upsert(COPY_COLLECTION, records);
    }
}
