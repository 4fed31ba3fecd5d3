package dev.loupe.encoders.batch;

/**
 * Observes a {@link MicroBatcher}, for metrics. Methods run on the batcher's threads (batch events on
 * the worker, rejections on the submitting thread), so they must be quick and must not throw.
 */
public interface BatchListener {

    /** Ignores every event. */
    BatchListener NONE = new BatchListener() {};

    /** Called after each batch ran, successfully or not. */
    default void batchCompleted(BatchStats stats) {}

    /** Called when a request of {@code items} items was refused because the queue was full. */
    default void requestRejected(int items) {}

    /**
     * What one batch was and how long it took.
     *
     * @param items the number of items in the batch (1..maxBatchSize)
     * @param requests the number of requests with at least one item in the batch
     * @param queueNanos how long the oldest item of the batch waited in the queue before the batch ran
     * @param runNanos how long the batch function ran
     * @param failed whether the batch function threw (or returned the wrong number of results)
     */
    record BatchStats(int items, int requests, long queueNanos, long runNanos, boolean failed) {}
}
