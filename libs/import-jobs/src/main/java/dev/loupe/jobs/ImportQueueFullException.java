package dev.loupe.jobs;

/** As many imports as {@code loupe.imports.queue-capacity} are unfinished: retry once one is done (503). */
public class ImportQueueFullException extends RuntimeException {

    private final int capacity;

    public ImportQueueFullException(int capacity) {
        super(capacity + " imports are already waiting or running");
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }
}
