package dev.loupe.search.problem;

import dev.loupe.search.query.ImageUrlException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 422 (413 when too large): the query's {@code imageUrl} was refused or could not be fetched. */
@Provider
public class ImageUrlExceptionMapper implements ExceptionMapper<ImageUrlException> {

    @Override
    public Response toResponse(ImageUrlException e) {
        String reason = e.reason().name();
        return switch (e.reason()) {
            case NOT_ENABLED ->
                Problems.response(
                        Problems.UNPROCESSABLE_CONTENT,
                        "image-url-disabled",
                        "imageUrl fetching not enabled: upload the image as the multipart part 'image' instead",
                        e.getMessage() + ".",
                        "imageUrl",
                        reason);
            case TOO_LARGE ->
                Problems.response(
                        Problems.CONTENT_TOO_LARGE,
                        "image-too-large",
                        "The 'imageUrl' image is too large: " + e.getMessage(),
                        "Point to a smaller image (loupe.limits.max-image-bytes).",
                        "imageUrl",
                        reason);
            case REFUSED, FAILED ->
                Problems.response(
                        Problems.UNPROCESSABLE_CONTENT,
                        "image-url-failed",
                        "The 'imageUrl' could not be used: " + e.getMessage(),
                        "Use a public http(s) URL of an image, or upload the image as the part 'image'.",
                        "imageUrl",
                        reason);
        };
    }
}
