package dev.loupe.search.imports;

import static dev.loupe.search.ProblemResponses.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpServer;
import dev.loupe.search.TestPhotos;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ImportRootResource.class, initArgs = @ResourceArg(name = "allow-private", value = "true"))
class ImportResourceTest {

    @ConfigProperty(name = "loupe.imports.roots")
    List<Path> roots;

    private String folder(String relative) {
        return roots.getFirst().resolve(relative).toString();
    }

    @Test
    void a_folder_import_indexes_good_photos_and_lists_the_bad_ones_with_reasons() throws Exception {
        String id = Imports.submit(
                Map.of("source", Map.of("type", "folder", "path", folder("photos")), "collection", "folder_test"));

        JsonPath job = Imports.awaitEnd(id);

        assertThat(job.getString("status")).isEqualTo("done");
        assertThat(job.getString("collection")).isEqualTo("folder_test");
        assertThat(job.getLong("total")).isEqualTo(ImportRootResource.GOOD + ImportRootResource.BAD);
        assertThat(job.getLong("done")).isEqualTo(ImportRootResource.GOOD);
        assertThat(job.getLong("failed")).isEqualTo(ImportRootResource.BAD);
        assertThat(job.getLong("skipped")).isZero();
        assertThat(job.getList("failures.source", String.class))
                .hasSize(ImportRootResource.BAD)
                .anyMatch(source -> source.contains("broken.jpg"))
                .anyMatch(source -> source.contains("notes.png"));
        assertThat(job.getList("failures.reason", String.class)).allMatch(reason -> !reason.isBlank());
        assertThat(job.getString("startedAt")).isNotNull();
        assertThat(job.getString("finishedAt")).isNotNull();

        JsonPath photo = given().urlEncodingEnabled(false)
                .queryParam("collection", "folder_test")
                .get("/v1/photos/pizza%2Fcaltech_pizza.jpg")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(photo.getList("tags", String.class)).contains("pizza");
        // the id is unique only within its collection: the URL names it
        String thumbnailUrl = "/v1/photos/pizza%2Fcaltech_pizza.jpg/thumbnail?collection=folder_test";
        assertThat(photo.getString("thumbnailUrl")).isEqualTo(thumbnailUrl);
        byte[] thumbnail = given().urlEncodingEnabled(false)
                .get(thumbnailUrl)
                .then()
                .statusCode(200)
                .contentType("image/jpeg")
                .extract()
                .asByteArray();
        assertThat(thumbnail).startsWith(0xFF, 0xD8); // JPEG start-of-image

        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "text",
                        "a photo",
                        "collection",
                        "folder_test",
                        "filter",
                        Map.of("field", "tags", "op", "contains", "value", "chair")))
                .post("/v1/search")
                .then()
                .statusCode(200)
                .body("hits.id", equalTo(List.of("chair/caltech_chair.jpg")));
    }

    @Test
    void importing_the_same_folder_again_skips_unchanged_photos() throws Exception {
        Map<String, Object> request =
                Map.of("source", Map.of("type", "folder", "path", folder("photos/pizza")), "collection", "again");
        assertThat(Imports.awaitEnd(Imports.submit(request)).getLong("done")).isEqualTo(2);

        JsonPath second = Imports.awaitEnd(Imports.submit(request));

        assertThat(second.getString("status")).isEqualTo("done");
        assertThat(second.getLong("done")).isZero();
        assertThat(second.getLong("skipped")).isEqualTo(2);
    }

    @Test
    void a_url_import_fetches_from_a_server_when_private_addresses_are_allowed() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jpeg = TestPhotos.bytes("caltech_watch.jpg");
        server.createContext("/watch.jpg", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, jpeg.length);
            exchange.getResponseBody().write(jpeg);
            exchange.close();
        });
        server.createContext("/missing.jpg", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            String id = Imports.submit(Map.of(
                    "source",
                    Map.of("type", "urls", "urls", List.of(base + "/watch.jpg", base + "/missing.jpg")),
                    "collection",
                    "from_urls"));

            JsonPath job = Imports.awaitEnd(id);

            assertThat(job.getString("status")).isEqualTo("done");
            assertThat(job.getLong("done")).isEqualTo(1);
            assertThat(job.getLong("failed")).isEqualTo(1);
            assertThat(job.getString("failures[0].reason")).contains("404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_path_outside_the_import_roots_is_refused_with_403() {
        problem(
                        post(Map.of(
                                "source",
                                Map.of(
                                        "type",
                                        "folder",
                                        "path",
                                        roots.getFirst()
                                                .resolveSibling("elsewhere")
                                                .toString()))),
                        403)
                .body("field", equalTo("source.path"))
                .body("title", containsString("outside the import roots"));
        problem(post(Map.of("source", Map.of("type", "folder", "path", folder("photos/../../elsewhere")))), 403);
        problem(post(Map.of("source", Map.of("type", "folder", "path", "/etc"))), 403);
    }

    @Test
    void bad_requests_get_400_problems_naming_the_field() {
        problem(post(Map.of()), 400).body("field", equalTo("source"));
        problem(post(Map.of("source", Map.of("type", "ftp"))), 400).body("field", equalTo("source.type"));
        problem(post(Map.of("source", Map.of("type", "folder"))), 400).body("field", equalTo("source.path"));
        problem(post(Map.of("source", Map.of("type", "folder", "path", folder("photos/no-such")))), 400)
                .body("field", equalTo("source.path"));
        problem(post(Map.of("source", Map.of("type", "urls"))), 400).body("field", equalTo("source.urls"));
        problem(post(Map.of("source", Map.of("type", "urls", "urls", List.of("file:///etc/passwd")))), 400)
                .body("field", equalTo("source.urls[0]"));
        problem(
                        post(Map.of(
                                "source",
                                Map.of(
                                        "type",
                                        "urls",
                                        "urls",
                                        Collections.nCopies(1001, "https://example.com/a.jpg")))),
                        400)
                .body("title", containsString("at most 1000"));
        problem(post(Map.of("source", Map.of("type", "unsplash-tsv"))), 400).body("field", equalTo("source"));
        problem(
                        post(Map.of(
                                "source",
                                Map.of("type", "folder", "path", folder("photos")),
                                "collection",
                                "no spaces!")),
                        400)
                .body("field", equalTo("collection"));
        problem(given().contentType(ContentType.JSON).body("{\"source\": ").post("/v1/imports"), 400);
        problem(given().get("/v1/imports/no-such-id"), 404);
    }

    @Test
    void lists_recent_imports_newest_first() throws Exception {
        String id = Imports.submit(
                Map.of("source", Map.of("type", "folder", "path", folder("photos/chair")), "collection", "listed"));
        Imports.awaitEnd(id);

        JsonPath list =
                given().get("/v1/imports").then().statusCode(200).extract().jsonPath();

        assertThat(list.getString("jobs[0].id")).isEqualTo(id);
        assertThat(list.getString("jobs[0].status")).isEqualTo("done");
        assertThat(list.getMap("jobs[0]")).doesNotContainKey("failures");
    }

    private static io.restassured.response.Response post(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).body(request).post("/v1/imports");
    }
}
