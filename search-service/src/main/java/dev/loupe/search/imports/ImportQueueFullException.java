package dev.loupe.search.imports;

/** The import queue is full ({@code loupe.imports.queue-capacity}). Answered with 503. */
public class ImportQueueFullException extends RuntimeException {

    public ImportQueueFullException(int capacity) {
        super(capacity + " imports are already waiting");
    }
}
