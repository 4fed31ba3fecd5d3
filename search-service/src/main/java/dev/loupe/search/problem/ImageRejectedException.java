package dev.loupe.search.problem;

import dev.loupe.encoders.image.InvalidImageException;

/** A query image (the uploaded part or the fetched {@code imageUrl}) could not be used. */
public class ImageRejectedException extends RuntimeException {

    private final String field;
    private final InvalidImageException.Reason reason;

    /** @param field where the image came from: {@code image} (upload) or {@code imageUrl} */
    public ImageRejectedException(String field, InvalidImageException cause) {
        super(cause.getMessage(), cause);
        this.field = field;
        this.reason = cause.reason();
    }

    public String field() {
        return field;
    }

    public InvalidImageException.Reason reason() {
        return reason;
    }
}
