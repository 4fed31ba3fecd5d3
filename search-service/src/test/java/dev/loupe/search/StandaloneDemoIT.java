package dev.loupe.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The standalone start as {@code ./loupe run} does it: the packaged jar on an empty data directory
 * with the demo import on imports the 48 demo photos, which text search then finds, thumbnails and all.
 */
@QuarkusIntegrationTest
@WithTestResource(StandaloneDemoResource.class)
class StandaloneDemoIT {

    private static final int DEMO_PHOTOS = 48;
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @Test
    void the_demo_import_finishes_and_text_search_finds_photos_with_thumbnails() throws Exception {
        JsonPath job = awaitDemoImport();
        assertThat(job.getString("status")).isEqualTo("done");
        assertThat(job.getLong("done")).isEqualTo(DEMO_PHOTOS);
        assertThat(job.getLong("failed")).isZero();

        JsonPath hits = given().contentType(ContentType.JSON)
                .body(Map.of("text", "a pizza"))
                .post("/v1/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        List<String> thumbnails = hits.getList("hits.thumbnailUrl", String.class);
        assertThat(thumbnails).isNotEmpty().allMatch(url -> url.endsWith("/thumbnail?collection=photos"));
        for (String url : thumbnails.subList(0, Math.min(3, thumbnails.size()))) {
            given().urlEncodingEnabled(false).get(url).then().statusCode(200).contentType("image/jpeg");
        }
    }

    private static JsonPath awaitDemoImport() throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            List<Map<String, Object>> jobs = given().get("/v1/imports")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("jobs");
            assertThat(jobs).as("the demo import is queued at startup").hasSize(1);
            String id = (String) jobs.getFirst().get("id");
            JsonPath job = given().get("/v1/imports/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            String status = job.getString("status");
            if (status.equals("done") || status.equals("failed")) {
                return job;
            }
            assertThat(Instant.now()).as("demo import still %s", status).isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
