package dev.loupe.search.problem;

import dev.loupe.service.problem.Problem;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The query image was refused: 400 when empty, 413 when it has too many bytes or pixels, 415 when it
 * is not a supported format, 422 when it is corrupt. The problem names the field it came from.
 */
@Provider
public class ImageRejectedExceptionMapper implements ExceptionMapper<ImageRejectedException> {

    private static final String SUPPORTED = "JPEG, PNG, GIF, BMP or WebP";

    @Override
    public Response toResponse(ImageRejectedException e) {
        String field = e.field();
        String image = field.equals("imageUrl") ? "The image at 'imageUrl'" : "The uploaded '" + field + "'";
        String why = e.getMessage();
        String reason = e.reason().name();
        Problem problem =
                switch (e.reason()) {
                    case EMPTY ->
                        Problems.problem(
                                Problems.BAD_REQUEST,
                                "empty-image",
                                image + " is empty",
                                "Attach the file's bytes to the '" + field + "' part.");
                    case TOO_MANY_BYTES ->
                        Problems.problem(
                                Problems.CONTENT_TOO_LARGE,
                                "image-too-large",
                                image + " is too large: " + why,
                                "Recompress or downscale it (loupe.limits.max-image-bytes).");
                    case TOO_MANY_PIXELS ->
                        Problems.problem(
                                Problems.CONTENT_TOO_LARGE,
                                "image-too-large",
                                image + " has too many pixels: " + why,
                                "Downscale it (loupe.limits.max-image-pixels); the model sees it at a few hundred pixels.");
                    case UNSUPPORTED_FORMAT ->
                        Problems.problem(
                                Problems.UNSUPPORTED_MEDIA_TYPE,
                                "unsupported-image-format",
                                image + " is not in a supported format: " + why,
                                "Send " + SUPPORTED + ".");
                    case CORRUPT ->
                        Problems.problem(
                                Problems.UNPROCESSABLE_CONTENT,
                                "corrupt-image",
                                image + " could not be decoded: " + why,
                                "Send the complete, undamaged file (" + SUPPORTED + ").");
                };
        return Problems.response(problem.withField(field).withReason(reason));
    }
}
