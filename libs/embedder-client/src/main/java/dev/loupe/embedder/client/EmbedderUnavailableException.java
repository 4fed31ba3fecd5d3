package dev.loupe.embedder.client;

/**
 * embedder-service gave no usable answer: it cannot be reached, did not answer in time, answered a
 * 5xx or 429 on every attempt, sent a body this client cannot read, or keeps failing so that the
 * circuit breaker stops calling it for a while. The same call may succeed later.
 */
public class EmbedderUnavailableException extends RuntimeException {

    public EmbedderUnavailableException(String message) {
        super(message);
    }

    public EmbedderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
