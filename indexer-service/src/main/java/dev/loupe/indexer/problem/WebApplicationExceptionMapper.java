package dev.loupe.indexer.problem;

import com.fasterxml.jackson.core.exc.StreamReadException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives the HTTP layer's own client errors (malformed JSON, unknown path, wrong method or content
 * type) the {@code application/problem+json} shape. Keeps the status and headers (such as {@code
 * Allow}); answers that already carry a body, and non-4xx answers, pass through unchanged.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status < 400 || status >= 500 || original.hasEntity()) {
            return original;
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String type;
        String title;
        if (e.getCause() instanceof StreamReadException malformed) {
            type = "malformed-json";
            title = "The request body is not valid JSON: " + malformed.getOriginalMessage();
        } else {
            type = "http-" + status;
            title = switch (status) {
                case 404 -> "No such endpoint: see /q/swagger-ui for the API";
                case 405 -> "This endpoint does not accept that method: see /q/swagger-ui for the API";
                case 415 -> "Unsupported Content-Type: send application/json";
                default -> known != null ? known.getReasonPhrase() : "Client error " + status;
            };
        }
        return Response.fromResponse(original)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, type, title, known != null ? known.getReasonPhrase() : null, null))
                .build();
    }
}
