package dev.loupe.embedder;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.loupe.testkit.BadImages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service ({@code quarkus-run.jar}, prod profile) driven over HTTP with real photos and
 * with bad ones: every bad image gets a 4xx problem naming it, and the service keeps serving.
 */
@QuarkusIntegrationTest
@WithTestResource(ModelsDirectoryResource.class)
class EmbedderServiceIT {

    private static final String MODEL = "clip-tiny-random";
    private static final int DIMENSIONS = 16;

    @BeforeEach
    void modelLoaded() {
        Readiness.awaitDefaultModel();
    }

    @Test
    void embeds_real_photos_sent_as_several_file_parts() {
        RequestSpecification request = given();
        for (String file : TestImages.GOLDEN) {
            request = request.multiPart("file", file, TestImages.golden(file), mediaType(file));
        }
        EmbeddingsJson.vectors(request.post("/v1/embeddings/images"), MODEL, DIMENSIONS, TestImages.GOLDEN.size());
    }

    @Test
    void embeds_texts() {
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("input", List.of("a photo of a cat", "a house by the lake"), "model", MODEL))
                .post("/v1/embeddings/text");
        EmbeddingsJson.vectors(response, MODEL, DIMENSIONS, 2);
    }

    @Test
    void refuses_a_truncated_jpeg_with_422() {
        badImage("cut.jpg", TestImages.truncatedJpeg(), "image/jpeg", 422)
                .body("reason", equalTo("CORRUPT"))
                .body("title", startsWith("Image 2 could not be decoded"));
    }

    @Test
    void refuses_zero_bytes_with_400() {
        badImage("empty.jpg", new byte[0], "image/jpeg", 400)
                .body("reason", equalTo("EMPTY"))
                .body("title", equalTo("Image 2 is empty"));
    }

    @Test
    void refuses_an_html_body_with_415() {
        badImage("index.html", TestImages.html(), "text/html", 415)
                .body("reason", equalTo("UNSUPPORTED_FORMAT"))
                .body("title", startsWith("Image 2 is not in a supported format"));
    }

    @Test
    void refuses_a_png_claiming_60000_by_60000_pixels_with_413() {
        badImage("bomb.png", BadImages.pngClaiming(60_000, 60_000), "image/png", 413)
                .body("reason", equalTo("TOO_MANY_PIXELS"))
                .body("title", startsWith("Image 2 has too many pixels"));
    }

    @Test
    void refuses_a_text_file_with_415() {
        badImage("notes.txt", TestImages.text(), "text/plain", 415)
                .body("reason", equalTo("UNSUPPORTED_FORMAT"))
                .body("title", startsWith("Image 2 is not in a supported format"));
    }

    @Test
    void answers_404_problem_for_an_unknown_model() {
        problem(
                        given().contentType(ContentType.JSON)
                                .body(Map.of("input", List.of("a cat"), "model", "no-such-model"))
                                .post("/v1/embeddings/text"),
                        404)
                .body("title", startsWith("Unknown model 'no-such-model'"));
    }

    @Test
    void answers_400_problem_for_empty_input() {
        problem(
                        given().contentType(ContentType.JSON)
                                .body(Map.of("input", List.of()))
                                .post("/v1/embeddings/text"),
                        400)
                .body("title", startsWith("Invalid 'input'"));
    }

    @Test
    void serves_concurrent_requests_after_bad_ones() throws Exception {
        badImage("cut.jpg", TestImages.truncatedJpeg(), "image/jpeg", 422);
        badImage("empty.jpg", new byte[0], "image/jpeg", 400);

        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Response>> responses = new ArrayList<>();
            for (String file : TestImages.GOLDEN) {
                responses.add(
                        clients.submit(() -> given().multiPart("file", file, TestImages.golden(file), mediaType(file))
                                .post("/v1/embeddings/images")));
            }
            for (Future<Response> response : responses) {
                EmbeddingsJson.vectors(response.get(60, TimeUnit.SECONDS), MODEL, DIMENSIONS, 1);
            }
        }
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("loupe_embedder_items_total{modality=\"image\",model=\"clip-tiny-random\"}");
    }

    /** Sends two good photos and {@code bytes} as part 2; expects a problem naming part 2. */
    private static ValidatableResponse badImage(String name, byte[] bytes, String mediaType, int status) {
        String first = TestImages.GOLDEN.get(0);
        String second = TestImages.GOLDEN.get(1);
        Response response = given().multiPart("file", first, TestImages.golden(first), mediaType(first))
                .multiPart("file", second, TestImages.golden(second), mediaType(second))
                .multiPart("file", name, bytes, mediaType)
                .post("/v1/embeddings/images");
        return problem(response, status).body("index", equalTo(2));
    }

    private static ValidatableResponse problem(Response response, int status) {
        return response.then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", startsWith("urn:loupe:problem:"));
    }

    private static String mediaType(String file) {
        return file.endsWith(".png") ? "image/png" : "image/jpeg";
    }
}
