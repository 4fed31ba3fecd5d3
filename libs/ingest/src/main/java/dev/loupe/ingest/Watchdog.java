package dev.loupe.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Closes a connection when its fetch's deadline passes, so that no server (one dripping bytes, one
 * stalling a TLS handshake) can hold a fetch past it, whatever read is blocked.
 */
final class Watchdog implements AutoCloseable {

    private final Thread thread;

    private Watchdog(Thread thread) {
        this.thread = thread;
    }

    static Watchdog guard(Closeable connection, Deadline deadline) {
        Thread thread = Thread.ofVirtual().name("loupe-fetch-watchdog").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long left = deadline.remainingNanos();
                if (left <= 0) {
                    try {
                        connection.close();
                    } catch (IOException ignored) {
                        // the fetch sees a closed socket and reports the timeout
                    }
                    return;
                }
                LockSupport.parkNanos(left);
            }
        });
        return new Watchdog(thread);
    }

    /** Stops watching; the connection stays as it is. */
    @Override
    public void close() {
        thread.interrupt();
    }
}
