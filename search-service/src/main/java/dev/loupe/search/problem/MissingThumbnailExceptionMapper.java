package dev.loupe.search.problem;

import dev.loupe.search.photo.MissingThumbnailException;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 404: the photo exists but no thumbnail is kept for it. */
@Provider
public class MissingThumbnailExceptionMapper implements ExceptionMapper<MissingThumbnailException> {

    @Override
    public Response toResponse(MissingThumbnailException e) {
        return Problems.response(
                Problems.NOT_FOUND,
                "no-thumbnail",
                "This photo has no thumbnail: show its 'url' instead",
                Problems.quote(e.getMessage()) + ". Thumbnails are made when photos are imported.");
    }
}
