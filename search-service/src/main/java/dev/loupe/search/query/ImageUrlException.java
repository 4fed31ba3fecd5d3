package dev.loupe.search.query;

/** A query's {@code imageUrl} was refused or could not be fetched. The message says why. */
public class ImageUrlException extends RuntimeException {

    /** Why, for the answer's status. */
    public enum Reason {
        /** This deployment does not fetch URLs. */
        NOT_ENABLED,
        /** The URL points where fetching is not allowed (a private address, a scheme). */
        REFUSED,
        /** The image is larger than the byte limit. */
        TOO_LARGE,
        /** The server did not answer with the image in time, or with an error status. */
        FAILED
    }

    private final Reason reason;

    public ImageUrlException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ImageUrlException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
