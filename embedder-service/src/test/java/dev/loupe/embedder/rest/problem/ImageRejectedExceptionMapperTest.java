package dev.loupe.embedder.rest.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.embedder.service.ImageRejectedException;
import dev.loupe.encoders.image.InvalidImageException;
import dev.loupe.encoders.image.InvalidImageException.Reason;
import dev.loupe.service.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRejectedExceptionMapperTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "EMPTY, 400, Image 3 is empty",
        "TOO_MANY_BYTES, 413, Image 3 is too large: why",
        "TOO_MANY_PIXELS, 413, Image 3 has too many pixels: why",
        "UNSUPPORTED_FORMAT, 415, Image 3 is not in a supported format: why",
        "CORRUPT, 422, Image 3 could not be decoded: why"
    })
    void answers_each_refusal_reason_with_its_status_and_names_the_image(Reason reason, int status, String title) {
        ImageRejectedException rejected =
                new ImageRejectedException(3, "photo.jpg", new InvalidImageException(reason, "why"));

        Response response = new ImageRejectedExceptionMapper().toResponse(rejected);

        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getMediaType()).hasToString("application/problem+json");
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.status()).isEqualTo(status);
        assertThat(problem.title()).isEqualTo(title);
        assertThat(problem.index()).isEqualTo(3);
        assertThat(problem.reason()).isEqualTo(reason.name());
        assertThat(problem.detail()).startsWith("image 3 ('photo.jpg'): why.");
    }
}
