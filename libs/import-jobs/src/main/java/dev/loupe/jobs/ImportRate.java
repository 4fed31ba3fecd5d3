package dev.loupe.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * An import's rate and ETA from its items' update times.
 *
 * @param photosPerSecond photos finished per second; 0 when none finished
 * @param etaSeconds seconds until no item is pending; 0 once none is, null when unknown
 */
public record ImportRate(double photosPerSecond, Long etaSeconds) {

    /** Shortest span a rate is measured over, so that the first photos do not read as a spike. */
    private static final Duration MIN_SPAN = Duration.ofSeconds(1);

    /**
     * @param status the job's status
     * @param startedAt when sending began (null while expanding)
     * @param now the database's clock, the one the update times come from
     * @param window the window a running job's rate is measured over
     * @param recent photos finished within {@code window} before {@code now}
     * @param finished photos finished (sent ones only; refused entries take no time)
     * @param lastFinished the latest update time of a finished photo, null when none
     * @param pending photos not yet finished
     */
    public static ImportRate of(
            ImportStatus status,
            Instant startedAt,
            Instant now,
            Duration window,
            long recent,
            long finished,
            Instant lastFinished,
            long pending) {
        if (startedAt == null || finished == 0) {
            return new ImportRate(0, status == ImportStatus.DONE ? 0L : null);
        }
        if (status != ImportStatus.RUNNING) {
            Instant end = lastFinished == null ? now : lastFinished;
            double rate = finished / seconds(Duration.between(startedAt, end));
            return new ImportRate(rate, status == ImportStatus.DONE ? 0L : null);
        }
        Duration running = Duration.between(startedAt, now);
        double rate = recent / seconds(running.compareTo(window) < 0 ? running : window);
        if (pending == 0) {
            return new ImportRate(rate, 0L);
        }
        return new ImportRate(rate, rate > 0 ? (long) Math.ceil(pending / rate) : null);
    }

    private static double seconds(Duration span) {
        Duration measured = span.compareTo(MIN_SPAN) < 0 ? MIN_SPAN : span;
        return measured.toNanos() / 1e9;
    }
}
