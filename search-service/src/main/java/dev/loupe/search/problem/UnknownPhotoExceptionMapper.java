package dev.loupe.search.problem;

import dev.loupe.search.photo.UnknownPhotoException;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** 404: the request named photo ids that the collection does not hold. */
@Provider
public class UnknownPhotoExceptionMapper implements ExceptionMapper<UnknownPhotoException> {

    private static final int MAX_LISTED = 5; // unknown ids quoted back

    @Override
    public Response toResponse(UnknownPhotoException e) {
        List<String> ids = e.ids();
        String listed = String.join(
                ", ",
                ids.stream()
                        .limit(MAX_LISTED)
                        .map(id -> "'" + Problems.quote(id) + "'")
                        .toList());
        String title = ids.size() == 1
                ? "Unknown photo " + listed + " in collection '" + Problems.quote(e.collection()) + "'"
                : ids.size() + " unknown photos in collection '" + Problems.quote(e.collection()) + "': " + listed
                        + (ids.size() > MAX_LISTED ? ", ..." : "");
        return Problems.response(Problems.problem(
                Problems.NOT_FOUND,
                "unknown-photo",
                title,
                "Photo ids are those of GET /v1/photos/{id} and of search hits; ids with '/' are sent"
                        + " percent-encoded (%2F) in paths."));
    }
}
