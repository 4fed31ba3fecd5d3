package dev.loupe.encoders.batch;

/**
 * A request was refused because the batcher's queue had no room for all of its items. Nothing of the
 * request was queued; retrying later (after the queue drains) is safe.
 */
public class BatchQueueFullException extends RuntimeException {

    private final int queueCapacity;

    public BatchQueueFullException(String batcher, int requested, int queued, int queueCapacity) {
        super("batch queue '" + batcher + "' is full: " + queued + " of " + queueCapacity
                + " items queued, no room for " + requested + " more");
        this.queueCapacity = queueCapacity;
    }

    public int queueCapacity() {
        return queueCapacity;
    }
}
