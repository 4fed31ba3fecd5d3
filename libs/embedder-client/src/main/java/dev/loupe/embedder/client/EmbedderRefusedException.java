package dev.loupe.embedder.client;

/**
 * embedder-service refused a request with a 4xx (other than 408 and 429): the same request fails
 * again, so it is not retried.
 *
 * @see #index()
 */
public class EmbedderRefusedException extends RuntimeException {

    private final int status;
    private final String title;
    private final Integer index;
    private final String reason;

    public EmbedderRefusedException(int status, String title, Integer index, String reason) {
        super("embedder-service answered " + status + ": " + title);
        this.status = status;
        this.title = title;
        this.index = index;
        this.reason = reason;
    }

    /** The HTTP status: 400, 404 (unknown model), 413, 415, 422, ... */
    public int status() {
        return status;
    }

    /** The problem's title, written for a person. */
    public String title() {
        return title;
    }

    /** The position in the request of the text or image at fault; null when the service names none. */
    public Integer index() {
        return index;
    }

    /**
     * The service's machine-readable reason where it gives one ({@code TOO_MANY_ITEMS}, {@code
     * TOO_MANY_PIXELS}, {@code TOO_MANY_BYTES}, ...); null otherwise.
     */
    public String reason() {
        return reason;
    }
}
