package dev.loupe.encoders.batch;

import java.time.Duration;

/**
 * How a {@link MicroBatcher} forms batches.
 *
 * @param maxBatchSize the most items handed to the batch function at once (at least 1)
 * @param maxWait how long the oldest queued item may wait for others to join its batch; zero runs
 *     whatever is queued at once
 * @param queueCapacity the most items waiting in the queue (not counting batches in flight); at
 *     least {@code maxBatchSize}
 * @param workers threads running batches; one keeps a single model session busy without
 *     oversubscribing its own thread pool
 */
public record BatchSettings(int maxBatchSize, Duration maxWait, int queueCapacity, int workers) {

    public BatchSettings {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must be zero or positive, got " + maxWait);
        }
        if (queueCapacity < maxBatchSize) {
            throw new IllegalArgumentException(
                    "queueCapacity (" + queueCapacity + ") must be at least maxBatchSize (" + maxBatchSize + ")");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
    }
}
