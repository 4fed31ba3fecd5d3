package dev.loupe.indexer.jobs.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.loupe.indexer.jobs.RecordingPublisher;
import dev.loupe.ingest.EventOutcome;
import dev.loupe.ingest.FailureReason;
import dev.loupe.ingest.PhotoIngested;
import dev.loupe.jobs.ImportProgress;
import dev.loupe.testkit.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RecordingPublisher.Profile.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(ImportRootResource.class)
class ImportResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    RecordingPublisher publisher;

    @Inject
    ImportProgress progress;

    @ConfigProperty(name = "loupe.imports.roots")
    List<Path> roots;

    private String path(String relative) {
        return roots.getFirst().resolve(relative).toString();
    }

    private String submit(Object body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/imports")
                .then()
                .statusCode(202)
                .header("Location", containsString("/v1/imports/"))
                .extract()
                .path("id");
    }

    private List<PhotoIngested> awaitPublished(String id, int events) {
        await().atMost(Duration.ofSeconds(30)).until(() -> publisher.events(id).size() >= events);
        return publisher.events(id);
    }

    private static JsonPath job(String id) {
        return given().get("/v1/imports/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void a_folder_import_is_published_and_done_once_every_photo_has_an_outcome() {
        String id = submit(Map.of("source", Map.of("type", "folder", "path", path("photos")), "collection", "lakes"));

        List<PhotoIngested> events = awaitPublished(id, ImportRootResource.PHOTOS);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> job(id).getString("status").equals("running"));
        JsonPath running = job(id);
        progress.record(
                id,
                List.of(
                        new EventOutcome.Indexed(events.get(0)),
                        new EventOutcome.Indexed(events.get(1)),
                        new EventOutcome.Failed(events.get(2), FailureReason.HTTP_STATUS, "HTTP 404", false)));
        progress.record(id, List.of(new EventOutcome.Skipped(events.get(0), "unchanged"))); // redelivered
        JsonPath done = job(id);

        assertThat(events).extracting(PhotoIngested::collection).containsOnly("lakes");
        assertThat(events)
                .extracting(PhotoIngested::photoId)
                .containsExactly("lake/img_0.jpg", "lake/img_1.jpg", "lake/img_2.jpg");
        assertThat(running.getLong("total")).isEqualTo(3);
        assertThat(running.getLong("pending")).isEqualTo(3);
        assertThat(running.getString("sourceType")).isEqualTo("folder");
        assertThat(done.getString("status")).isEqualTo("done");
        assertThat(done.getLong("indexed")).isEqualTo(2);
        assertThat(done.getLong("done")).isEqualTo(2);
        assertThat(done.getLong("failed")).isEqualTo(1);
        assertThat(done.getLong("skipped")).isZero();
        assertThat(done.getLong("etaSeconds")).isZero();
        assertThat(done.getDouble("rate")).isPositive();
        assertThat(done.getList("failures", Map.class))
                .singleElement()
                .satisfies(failure -> assertThat(failure).containsEntry("reason", "HTTP 404"));
        assertThat(done.getString("finishedAt")).isNotNull();
    }

    @Test
    void redrive_publishes_the_failed_photos_again_and_moves_them_back_to_pending() {
        String id = submit(Map.of("source", Map.of("type", "unsplash-tsv", "path", path("photos.tsv"))));
        PhotoIngested first = awaitPublished(id, 1).getFirst();
        progress.record(id, List.of(new EventOutcome.Failed(first, FailureReason.NETWORK, "connection reset", true)));
        assertThat(job(id).getString("status")).isEqualTo("done");
        assertThat(job(id).getLong("failed")).isEqualTo(2); // the photo and the refused row

        given().post("/v1/imports/" + id + "/redrive")
                .then()
                .statusCode(202)
                .body("id", equalTo(id))
                .body("redriven", equalTo(1));

        PhotoIngested again = awaitPublished(id, 2).get(1);
        assertThat(again.photoId()).isEqualTo("u1");
        assertThat(again.eventId()).isNotEqualTo(first.eventId());
        JsonPath redriven = job(id);
        assertThat(redriven.getString("status")).isEqualTo("running");
        assertThat(redriven.getLong("pending")).isEqualTo(1);
        assertThat(redriven.getLong("failed")).isEqualTo(1);
        assertThat(redriven.getString("collection")).isEqualTo("photos"); // loupe.default-collection

        progress.record(id, List.of(new EventOutcome.Indexed(again)));
        assertThat(job(id).getString("status")).isEqualTo("done");
        assertThat(job(id).getLong("indexed")).isEqualTo(1);
    }

    @Test
    void the_list_names_recent_imports_without_their_failures() {
        String id = submit(Map.of("source", Map.of("type", "urls", "urls", List.of("https://images.example/1.jpg"))));

        JsonPath list =
                given().get("/v1/imports").then().statusCode(200).extract().jsonPath();

        assertThat(list.getList("jobs.id", String.class)).contains(id);
        assertThat(list.getList("jobs.failures")).containsOnlyNulls();
    }

    @Test
    void import_progress_is_in_the_metrics() {
        String id = submit(Map.of("source", Map.of("type", "urls", "urls", List.of("https://images.example/2.jpg"))));
        awaitPublished(id, 1);

        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("loupe_imports_jobs{status=\"running\"}"))
                .body(containsString("loupe_imports_events_published_total"));
    }

    @Test
    void an_unknown_import_is_a_404_problem() {
        given().get("/v1/imports/nope")
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:loupe:problem:unknown-import"));
        given().post("/v1/imports/nope/redrive").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void a_path_outside_the_roots_is_a_403_problem_naming_the_field() {
        for (String outside : List.of(path("../elsewhere"), "/etc")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("source", Map.of("type", "folder", "path", outside)))
                    .post("/v1/imports")
                    .then()
                    .statusCode(403)
                    .contentType(PROBLEM)
                    .body("type", equalTo("urn:loupe:problem:import-path-refused"))
                    .body("field", equalTo("source.path"));
        }
    }

    @Test
    void bad_requests_are_400_problems_naming_the_field() {
        Map<String, Object> cases = Map.of(
                "source.type", Map.of("source", Map.of("type", "ftp")),
                "source", Map.of("collection", "photos"),
                "source.urls", Map.of("source", Map.of("type", "urls", "urls", List.of("a", "b", "c", "d"))),
                "source.urls[0]", Map.of("source", Map.of("type", "urls", "urls", List.of("file:///etc/passwd"))),
                "source.path", Map.of("source", Map.of("type", "folder", "path", path("missing"))),
                "collection", Map.of("source", Map.of("type", "folder", "path", path("photos")), "collection", "a b"));
        cases.forEach((field, body) -> given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/imports")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("field", equalTo(field))
                .body("title", startsWith("Invalid '" + field + "'")));
        given().contentType(ContentType.JSON)
                .body("{\"source\": {\"type\": \"urls\", \"urls\": \"https://a.example/x.jpg\"}}")
                .post("/v1/imports")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("field", endsWith("urls"));
        given().contentType(ContentType.JSON)
                .body("{\"source\": ")
                .post("/v1/imports")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:loupe:problem:malformed-json"));
    }
}
