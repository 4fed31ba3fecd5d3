package dev.loupe.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import org.jboss.logging.Logger;

/** Logs benchmark results and appends them to {@code target/bench/<name>.txt} for BENCHMARKS.md. */
public final class BenchReport {

    private static final Logger LOG = Logger.getLogger(BenchReport.class);

    private final Path file;

    public BenchReport(String name) {
        this.file = Path.of("target/bench", name + ".txt").toAbsolutePath();
        Runtime runtime = Runtime.getRuntime();
        line("# " + name + " at " + Instant.now() + " on " + runtime.availableProcessors() + " cores, max heap "
                + runtime.maxMemory() / (1 << 20) + " MiB, Java " + Runtime.version());
    }

    public void line(String text) {
        LOG.info(text);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** The {@code q}-quantile (0..1) of {@code nanos}, in milliseconds. */
    public static double percentileMillis(long[] nanos, double q) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)));
        return sorted[index] / 1e6;
    }
}
