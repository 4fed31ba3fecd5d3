package dev.loupe.embedder.rest.problem;

import dev.loupe.embedder.service.ImageRejectedException;
import dev.loupe.service.problem.Problem;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * One image of the request was refused: 400 when empty, 413 when it has too many bytes or pixels,
 * 415 when it is not a supported format, 422 when it is corrupt. The problem names the image by its
 * index among the {@code file} parts.
 */
@Provider
public class ImageRejectedExceptionMapper implements ExceptionMapper<ImageRejectedException> {

    private static final String SUPPORTED = "JPEG, PNG, GIF, BMP or WebP";

    @Override
    public Response toResponse(ImageRejectedException e) {
        int i = e.index();
        String why = e.getCause().getMessage();
        Problem problem =
                switch (e.reason()) {
                    case EMPTY ->
                        Problems.problem(
                                Problems.BAD_REQUEST,
                                "empty-image",
                                "Image " + i + " is empty",
                                e.getMessage() + ". Attach the file's bytes to the 'file' part.");
                    case TOO_MANY_BYTES ->
                        Problems.problem(
                                Problems.CONTENT_TOO_LARGE,
                                "image-too-large",
                                "Image " + i + " is too large: " + why,
                                e.getMessage()
                                        + ". Recompress or downscale it (loupe.embedder.limits.max-image-bytes).");
                    case TOO_MANY_PIXELS ->
                        Problems.problem(
                                Problems.CONTENT_TOO_LARGE,
                                "image-too-large",
                                "Image " + i + " has too many pixels: " + why,
                                e.getMessage() + ". Downscale it (loupe.embedder.limits.max-image-pixels);"
                                        + " the model sees it at a few hundred pixels anyway.");
                    case UNSUPPORTED_FORMAT ->
                        Problems.problem(
                                Problems.UNSUPPORTED_MEDIA_TYPE,
                                "unsupported-image-format",
                                "Image " + i + " is not in a supported format: " + why,
                                e.getMessage() + ". Send " + SUPPORTED + ".");
                    case CORRUPT ->
                        Problems.problem(
                                Problems.UNPROCESSABLE_CONTENT,
                                "corrupt-image",
                                "Image " + i + " could not be decoded: " + why,
                                e.getMessage() + ". Send the complete, undamaged file (" + SUPPORTED + ").");
                };
        return Problems.response(problem.withIndex(i).withReason(e.reason().name()));
    }
}
