package dev.loupe.ingest;

import java.net.SocketTimeoutException;
import java.time.Duration;

/** The end of one fetch's time budget, against which every blocking step sets its timeout. */
final class Deadline {

    private final long endNanos;
    private final Duration total;

    private Deadline(long endNanos, Duration total) {
        this.endNanos = endNanos;
        this.total = total;
    }

    static Deadline after(Duration total) {
        return new Deadline(System.nanoTime() + total.toNanos(), total);
    }

    Duration total() {
        return total;
    }

    boolean passed() {
        return System.nanoTime() - endNanos >= 0;
    }

    long remainingNanos() {
        return Math.max(0, endNanos - System.nanoTime());
    }

    /**
     * Milliseconds left, at least 1 (0 would mean "no timeout" to a socket).
     *
     * @throws SocketTimeoutException when the deadline has passed
     */
    int remainingMillis() throws SocketTimeoutException {
        long left = endNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int)
                Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(left).toMillis()));
    }
}
