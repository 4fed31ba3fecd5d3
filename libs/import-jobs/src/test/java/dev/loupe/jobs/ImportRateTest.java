package dev.loupe.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ImportRateTest {

    private static final Instant START = Instant.parse("2025-05-01T10:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(60);

    @Test
    void a_running_job_measures_over_the_window_once_it_ran_longer() {
        ImportRate rate = ImportRate.of(
                ImportStatus.RUNNING, START, START.plusSeconds(600), WINDOW, 120, 1000, START.plusSeconds(599), 50);

        assertThat(rate.photosPerSecond()).isEqualTo(2.0);
        assertThat(rate.etaSeconds()).isEqualTo(25);
    }

    @Test
    void a_young_job_measures_over_its_age() {
        ImportRate rate = ImportRate.of(ImportStatus.RUNNING, START, START.plusSeconds(10), WINDOW, 40, 40, START, 80);

        assertThat(rate.photosPerSecond()).isEqualTo(4.0);
        assertThat(rate.etaSeconds()).isEqualTo(20);
    }

    @Test
    void a_done_job_reports_its_whole_run_and_no_time_left() {
        ImportRate rate = ImportRate.of(
                ImportStatus.DONE, START, START.plusSeconds(3600), WINDOW, 0, 500, START.plusSeconds(100), 0);

        assertThat(rate.photosPerSecond()).isEqualTo(5.0);
        assertThat(rate.etaSeconds()).isZero();
    }

    @Test
    void the_eta_is_unknown_before_any_photo_finished_or_when_the_rate_stalled() {
        assertThat(ImportRate.of(ImportStatus.RUNNING, START, START.plusSeconds(5), WINDOW, 0, 0, null, 10)
                        .etaSeconds())
                .isNull();
        assertThat(ImportRate.of(
                                ImportStatus.RUNNING,
                                START,
                                START.plusSeconds(600),
                                WINDOW,
                                0,
                                10,
                                START.plusSeconds(30),
                                10)
                        .etaSeconds())
                .isNull();
        assertThat(ImportRate.of(ImportStatus.EXPANDING, null, START, WINDOW, 0, 0, null, 10)
                        .photosPerSecond())
                .isZero();
    }
}
