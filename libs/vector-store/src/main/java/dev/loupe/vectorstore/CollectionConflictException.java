package dev.loupe.vectorstore;

/** A collection exists with a different dimension or metric than requested. */
public class CollectionConflictException extends RuntimeException {

    public CollectionConflictException(String message) {
        super(message);
    }
}
