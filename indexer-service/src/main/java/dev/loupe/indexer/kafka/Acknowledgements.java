package dev.loupe.indexer.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Waits for the broker's acknowledgements of a number of sends, within one overall timeout. */
final class Acknowledgements {

    /** Makes the exception for the {@code index}-th send; {@code cause} is the broker's error or the timeout. */
    @FunctionalInterface
    interface Failure {
        RuntimeException of(int index, Throwable cause, boolean timedOut);
    }

    private Acknowledgements() {}

    /**
     * Returns once every send is acknowledged.
     *
     * @throws RuntimeException made by {@code failure} for the first send that failed or was not
     *     acknowledged in time
     */
    static void await(List<Future<RecordMetadata>> acks, Duration timeout, Failure failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw failure.of(i, e.getCause(), false);
            } catch (TimeoutException e) {
                throw failure.of(i, e, true);
            }
        }
    }
}
