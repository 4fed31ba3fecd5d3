package dev.loupe.service.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Builds {@code application/problem+json} answers for exception mappers: {@code
 * Problems.response(Problems.problem(NOT_FOUND, "unknown-photo", title, detail).withField("id"))}.
 */
public final class Problems {

    public static final int BAD_REQUEST = 400;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;
    public static final int CONTENT_TOO_LARGE = 413;
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;
    public static final int UNPROCESSABLE_CONTENT = 422;
    public static final int INTERNAL_SERVER_ERROR = 500;
    public static final int SERVICE_UNAVAILABLE = 503;

    /** Problem types are URNs: they name the kind of problem without promising a page to fetch. */
    public static final String TYPE_PREFIX = "urn:loupe:problem:";

    private static final int MAX_QUOTED = 100; // characters of a client's value quoted back

    private Problems() {}

    /**
     * A problem without extension members.
     *
     * @param type the kind of problem without {@link #TYPE_PREFIX} ({@code "unknown-photo"})
     */
    public static Problem problem(int status, String type, String title, String detail) {
        return new Problem(TYPE_PREFIX + type, title, status, detail, null, null, null);
    }

    /** The answer carrying {@code problem}, with its status. */
    public static Response response(Problem problem) {
        return builder(problem).build();
    }

    /** The answer carrying a problem without extension members. */
    public static Response response(int status, String type, String title, String detail) {
        return response(problem(status, type, title, detail));
    }

    /** A 503 that tells clients when to try again ({@code Retry-After}, in seconds). */
    public static Response unavailable(String type, String title, String detail, int retryAfterSeconds) {
        return builder(problem(SERVICE_UNAVAILABLE, type, title, detail))
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .build();
    }

    private static Response.ResponseBuilder builder(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    /**
     * A client's value made safe to quote back in a title: at most 100 characters (then "…"), control
     * characters replaced by '?'; "null" for null.
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String printable = value.codePoints()
                .limit(MAX_QUOTED)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return value.codePointCount(0, value.length()) > MAX_QUOTED ? printable + "…" : printable;
    }
}
