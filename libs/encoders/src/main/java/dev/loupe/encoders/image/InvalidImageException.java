package dev.loupe.encoders.image;

/** An image was refused: too large, undecodable or of an unsupported format. The message says why. */
public class InvalidImageException extends RuntimeException {

    /** Why an image was refused; lets callers choose a status or decide not to retry. */
    public enum Reason {
        EMPTY,
        TOO_MANY_BYTES,
        TOO_MANY_PIXELS,
        UNSUPPORTED_FORMAT,
        CORRUPT
    }

    private final Reason reason;

    public InvalidImageException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public InvalidImageException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
