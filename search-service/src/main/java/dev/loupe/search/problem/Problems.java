package dev.loupe.search.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Builds {@code application/problem+json} responses for the mappers of this package. */
final class Problems {

    static final int BAD_REQUEST = 400;
    static final int FORBIDDEN = 403;
    static final int NOT_FOUND = 404;
    static final int CONTENT_TOO_LARGE = 413;
    static final int UNSUPPORTED_MEDIA_TYPE = 415;
    static final int UNPROCESSABLE_CONTENT = 422;
    static final int INTERNAL_SERVER_ERROR = 500;
    static final int SERVICE_UNAVAILABLE = 503;

    /** Problem types are URNs: they name the kind of problem without promising a page to fetch. */
    private static final String TYPE_PREFIX = "urn:loupe:problem:";

    private Problems() {}

    static Response response(int status, String type, String title, String detail) {
        return response(status, type, title, detail, null, null);
    }

    static Response response(int status, String type, String title, String detail, String field, String reason) {
        return builder(status, type, title, detail, field, reason).build();
    }

    static Response.ResponseBuilder builder(
            int status, String type, String title, String detail, String field, String reason) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(problem(status, type, title, detail, field, reason));
    }

    static Problem problem(int status, String type, String title, String detail, String field, String reason) {
        return new Problem(TYPE_PREFIX + type, title, status, detail, field, reason);
    }

    /** A 503 that tells clients when to try again. */
    static Response unavailable(String type, String title, String detail, int retryAfterSeconds) {
        return builder(SERVICE_UNAVAILABLE, type, title, detail, null, null)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .build();
    }

    /** A client's value, shortened and made printable, to quote in a title. */
    static String quote(String value) {
        return ClientText.quote(value);
    }
}
