package dev.loupe.search.problem;

import dev.loupe.search.query.ImageUrlException;
import dev.loupe.service.problem.Problem;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 422 (413 when too large): the query's {@code imageUrl} was refused or could not be fetched. */
@Provider
public class ImageUrlExceptionMapper implements ExceptionMapper<ImageUrlException> {

    @Override
    public Response toResponse(ImageUrlException e) {
        String reason = e.reason().name();
        Problem problem =
                switch (e.reason()) {
                    case NOT_ENABLED ->
                        Problems.problem(
                                Problems.UNPROCESSABLE_CONTENT,
                                "image-url-disabled",
                                "imageUrl fetching not enabled: upload the image as the multipart part 'image' instead",
                                e.getMessage() + ".");
                    case TOO_LARGE ->
                        Problems.problem(
                                Problems.CONTENT_TOO_LARGE,
                                "image-too-large",
                                "The 'imageUrl' image is too large: " + e.getMessage(),
                                "Point to a smaller image (loupe.limits.max-image-bytes).");
                    case REFUSED, FAILED ->
                        Problems.problem(
                                Problems.UNPROCESSABLE_CONTENT,
                                "image-url-failed",
                                "The 'imageUrl' could not be used: " + e.getMessage(),
                                "Use a public http(s) URL of an image, or upload the image as the part 'image'.");
                };
        return Problems.response(problem.withField("imageUrl").withReason(reason));
    }
}
