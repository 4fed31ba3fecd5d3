package dev.loupe.service.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives the HTTP layer's own client errors (malformed JSON, unknown path, wrong method or content
 * type) the same {@code application/problem+json} shape as the service's errors. Keeps the status and
 * headers (such as {@code Allow}); answers that already carry a body, and non-4xx answers, pass
 * through unchanged.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private final ProblemWording wording;

    public WebApplicationExceptionMapper(ProblemWording wording) {
        this.wording = wording;
    }

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status < 400 || status >= 500 || original.hasEntity()) {
            return original;
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title;
        String type;
        if (e.getCause() instanceof StreamReadException malformed) {
            type = "malformed-json";
            title = "The request body is not valid JSON" + at(malformed.getLocation()) + ": "
                    + malformed.getOriginalMessage();
        } else {
            type = "http-" + status;
            title = switch (status) {
                case 404 -> "No such endpoint: see /q/swagger-ui for the API";
                case 405 -> "This endpoint does not accept that method: see /q/swagger-ui for the API";
                case 406 -> wording.notAcceptableTitle();
                case 415 -> wording.unsupportedMediaTypeTitle();
                default -> known != null ? known.getReasonPhrase() : "Client error " + status;
            };
        }
        return Response.fromResponse(original)
                .type(Problem.MEDIA_TYPE)
                .entity(Problems.problem(status, type, title, known != null ? known.getReasonPhrase() : null))
                .build();
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
