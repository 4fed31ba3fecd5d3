package dev.loupe.ingest;

import java.util.Objects;

/**
 * A photo could not be fetched, decoded, embedded or stored. The message says what happened in terms a
 * person can act on (which host, which limit, which status).
 */
public class FetchException extends Exception {

    private final FailureReason reason;
    private final boolean retryable;

    /** A failure whose retryability follows from its reason (TIMEOUT, NETWORK, EMBEDDING, STORE). */
    public FetchException(FailureReason reason, String message) {
        this(reason, message, null);
    }

    public FetchException(FailureReason reason, String message, Throwable cause) {
        this(reason, retryableByDefault(reason), message, cause);
    }

    /**
     * A failure whose retryability is given rather than derived from its reason: e.g. a permanent
     * EMBEDDING or STORE failure (a model whose dimension the collection does not hold).
     */
    public FetchException(FailureReason reason, boolean retryable, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryable = retryable;
    }

    /** An unwanted HTTP status; retryable for 5xx and 429 (Too Many Requests). */
    public static FetchException httpStatus(int status, String message) {
        return new FetchException(FailureReason.HTTP_STATUS, status >= 500 || status == 429, message, null);
    }

    public FailureReason reason() {
        return reason;
    }

    /** Whether the same fetch may succeed later (a timeout, a 503), as opposed to a refusal or bad bytes. */
    public boolean retryable() {
        return retryable;
    }

    private static boolean retryableByDefault(FailureReason reason) {
        return switch (reason) {
            case TIMEOUT, NETWORK, EMBEDDING, STORE -> true;
            default -> false;
        };
    }
}
