package dev.loupe.search.imports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Queues imports over HTTP and waits for them to end. */
public final class Imports {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 100;

    private Imports() {}

    /** Queues the import and answers its id, checking the 202 and its Location. */
    public static String submit(Map<String, Object> request) {
        var response = given().contentType(ContentType.JSON)
                .body(request)
                .post("/v1/imports")
                .then()
                .statusCode(202)
                .extract();
        String id = response.jsonPath().getString("id");
        assertThat(response.header("Location")).endsWith("/v1/imports/" + id);
        return id;
    }

    /** Polls the job until it is done or failed, failing the test after {@link #DEADLINE}. */
    public static JsonPath awaitEnd(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            JsonPath job = given().get("/v1/imports/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            String status = job.getString("status");
            if (status.equals("done") || status.equals("failed")) {
                return job;
            }
            assertThat(Instant.now()).as("import %s still %s", id, status).isBefore(deadline);
            Thread.sleep(POLL_MILLIS);
        }
    }
}
