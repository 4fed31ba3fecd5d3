package dev.loupe.encoders.quality;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A command line's {@link Progress}: prints "command: dataset stage done/total" at most every few seconds,
 * and when a stage completes.
 */
public final class ProgressLine implements Progress {

    private static final long INTERVAL_NANOS = 5_000_000_000L; // a line every 5 s at most

    private final PrintStream err;
    private final String command;
    private final String dataset;
    private long lastPrinted = System.nanoTime();

    /**
     * @param err where the lines go
     * @param command the prefix of every line, the command's name
     * @param dataset what is being embedded
     */
    public ProgressLine(PrintStream err, String command, String dataset) {
        this.err = err;
        this.command = command;
        this.dataset = dataset;
    }

    @Override
    public void update(String stage, int done, int total) {
        long now = System.nanoTime();
        if (done == total || now - lastPrinted >= INTERVAL_NANOS) {
            err.printf(Locale.ROOT, "%s: %s %s %d/%d%n", command, dataset, stage, done, total);
            lastPrinted = now;
        }
    }
}
