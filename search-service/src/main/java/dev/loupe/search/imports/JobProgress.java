package dev.loupe.search.imports;

import dev.loupe.ingest.FailureReason;
import dev.loupe.ingest.IngestListener;
import dev.loupe.ingest.PhotoSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes an import's reports to the repository in batches: counts and failures are written at most
 * every {@link #FLUSH_NANOS}, and by {@link #flush()} at the end. Reports may come from several threads.
 */
final class JobProgress implements IngestListener {

    /** Often enough for a progress bar, rare enough that a 10,000-photo import is not 10,000 writes. */
    private static final long FLUSH_NANOS = 500_000_000L;

    private final ImportJobRepository jobs;
    private final String id;
    private Long total;
    private long done;
    private long failed;
    private long skipped;
    private List<ImportFailure> failures = new ArrayList<>();
    private long lastFlush = System.nanoTime();

    JobProgress(ImportJobRepository jobs, String id) {
        this.jobs = jobs;
        this.id = id;
    }

    @Override
    public synchronized void total(long n) {
        total = n;
        flush();
    }

    @Override
    public synchronized void indexed(PhotoSource p) {
        done++;
        flushWhenDue();
    }

    @Override
    public synchronized void skipped(PhotoSource p, String reason) {
        skipped++;
        flushWhenDue();
    }

    @Override
    public synchronized void failed(String source, FailureReason reason, String message) {
        failed++;
        failures.add(new ImportFailure(source, message));
        flushWhenDue();
    }

    /** Writes what was reported since the last write. */
    synchronized void flush() {
        if (total == null && done == 0 && failed == 0 && skipped == 0) {
            return;
        }
        jobs.progress(id, total, done, failed, skipped, failures);
        total = null;
        done = 0;
        failed = 0;
        skipped = 0;
        failures = new ArrayList<>();
        lastFlush = System.nanoTime();
    }

    private void flushWhenDue() {
        if (System.nanoTime() - lastFlush >= FLUSH_NANOS) {
            flush();
        }
    }
}
