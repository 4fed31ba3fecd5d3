package dev.loupe.embedder.rest;

import static dev.loupe.embedder.rest.TextEmbeddingResourceTest.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.embedder.EmbeddingsJson;
import dev.loupe.embedder.Readiness;
import dev.loupe.embedder.TestImages;
import dev.loupe.encoders.TestBundles;
import dev.loupe.testkit.BadImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImageEmbeddingResourceTest {

    private static final String MODEL = "clip-tiny-random";
    private static final int DIMENSIONS = 16;
    private static final double SAME = 0.9999; // cosine: equal up to float rounding
    private static final double MATCHES_REFERENCE = 0.999; // decoding and resampling differ from PIL's by ulps

    @BeforeEach
    void modelLoaded() {
        Readiness.awaitDefaultModel();
    }

    @Test
    void embeds_every_golden_photo_in_part_order_like_the_reference() {
        RequestSpecification request = given();
        for (String file : TestImages.GOLDEN) {
            request = request.multiPart("file", file, TestImages.golden(file), mediaType(file));
        }

        List<float[]> vectors = EmbeddingsJson.vectors(
                request.post("/v1/embeddings/images"), MODEL, DIMENSIONS, TestImages.GOLDEN.size());

        JsonNode golden = TestBundles.golden().get("images");
        for (int i = 0; i < vectors.size(); i++) {
            float[] expected = TestBundles.floats(golden.get(i).get("image_embeds"));
            assertThat(EmbeddingsJson.cosine(vectors.get(i), expected))
                    .as("image %d: %s", i, TestImages.GOLDEN.get(i))
                    .isGreaterThan(MATCHES_REFERENCE);
        }
    }

    @Test
    void an_image_embeds_the_same_alone_and_among_others() {
        String first = TestImages.GOLDEN.get(3);
        String second = TestImages.GOLDEN.get(16);
        Response both = given().multiPart("file", first, TestImages.golden(first), mediaType(first))
                .multiPart("file", second, TestImages.golden(second), mediaType(second))
                .multiPart("model", MODEL)
                .post("/v1/embeddings/images");
        List<float[]> together = EmbeddingsJson.vectors(both, MODEL, DIMENSIONS, 2);

        float[] alone = EmbeddingsJson.vectors(
                        given().multiPart("file", second, TestImages.golden(second), mediaType(second))
                                .post("/v1/embeddings/images"),
                        MODEL,
                        DIMENSIONS,
                        1)
                .getFirst();

        assertThat(EmbeddingsJson.cosine(together.get(1), alone)).isGreaterThan(SAME);
        assertThat(EmbeddingsJson.cosine(together.get(0), alone)).isLessThan(SAME);
    }

    @Test
    void refuses_a_request_without_file_parts_with_400() {
        problem(given().multiPart("model", MODEL).post("/v1/embeddings/images"), 400)
                .body("reason", equalTo("MISSING_FILE"))
                .body("title", startsWith("Nothing to embed"));
    }

    @Test
    void refuses_an_empty_image_naming_its_index() {
        problem(withGoodImageThen("empty.jpg", new byte[0], "image/jpeg"), 400)
                .body("index", equalTo(1))
                .body("reason", equalTo("EMPTY"))
                .body("title", equalTo("Image 1 is empty"));
    }

    @Test
    void refuses_a_truncated_jpeg_as_undecodable_with_422() {
        problem(withGoodImageThen("cut.jpg", TestImages.truncatedJpeg(), "image/jpeg"), 422)
                .body("index", equalTo(1))
                .body("reason", equalTo("CORRUPT"))
                .body("title", startsWith("Image 1 could not be decoded"));
    }

    @Test
    void refuses_html_as_an_unsupported_format_with_415() {
        problem(withGoodImageThen("page.html", TestImages.html(), "text/html"), 415)
                .body("index", equalTo(1))
                .body("reason", equalTo("UNSUPPORTED_FORMAT"));
    }

    @Test
    void refuses_a_text_file_as_an_unsupported_format_with_415() {
        problem(withGoodImageThen("notes.txt", TestImages.text(), "text/plain"), 415)
                .body("index", equalTo(1))
                .body("reason", equalTo("UNSUPPORTED_FORMAT"));
    }

    @Test
    void refuses_a_png_claiming_sixty_thousand_pixels_square_from_its_header_with_413() {
        problem(withGoodImageThen("bomb.png", BadImages.pngClaiming(60_000, 60_000), "image/png"), 413)
                .body("index", equalTo(1))
                .body("reason", equalTo("TOO_MANY_PIXELS"))
                .body("title", startsWith("Image 1 has too many pixels"));
    }

    @Test
    void answers_404_for_an_unknown_model() {
        String file = TestImages.GOLDEN.getFirst();
        problem(
                        given().multiPart("file", file, TestImages.golden(file), "image/jpeg")
                                .multiPart("model", "no-such-model")
                                .post("/v1/embeddings/images"),
                        404)
                .body("title", startsWith("Unknown model 'no-such-model'"));
    }

    @Test
    void answers_problem_415_for_a_json_body() {
        problem(given().contentType("application/json").body("{}").post("/v1/embeddings/images"), 415);
    }

    /** A request whose part 0 is a good photo and part 1 is {@code bytes}. */
    private static Response withGoodImageThen(String name, byte[] bytes, String mediaType) {
        String good = TestImages.GOLDEN.getFirst();
        return given().multiPart("file", good, TestImages.golden(good), mediaType(good))
                .multiPart("file", name, bytes, mediaType)
                .post("/v1/embeddings/images");
    }

    static String mediaType(String file) {
        return file.endsWith(".png") ? "image/png" : "image/jpeg";
    }
}
