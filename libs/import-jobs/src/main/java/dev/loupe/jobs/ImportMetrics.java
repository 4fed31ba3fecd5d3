package dev.loupe.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Import progress in metrics: gauges of jobs by status ({@code loupe_imports_jobs}) and of the active
 * jobs' items by status ({@code loupe_imports_items}), refreshed from the database every {@code
 * loupe.imports.metrics-interval}; counters of the outcomes this instance recorded ({@code
 * loupe_imports_outcomes_total}) and of the events it published ({@code
 * loupe_imports_events_published_total}).
 */
public final class ImportMetrics {

    static final List<String> ITEM_STATUSES = List.of("pending", "indexed", "skipped", "failed");

    private final Map<ImportStatus, AtomicLong> jobs = new EnumMap<>(ImportStatus.class);
    private final Map<String, AtomicLong> items = new LinkedHashMap<>();
    private final Map<String, Counter> outcomes = new LinkedHashMap<>();
    private final Counter published;

    public ImportMetrics(MeterRegistry registry) {
        for (ImportStatus status : ImportStatus.values()) {
            AtomicLong value = new AtomicLong();
            jobs.put(status, value);
            Gauge.builder("loupe.imports.jobs", value, AtomicLong::get)
                    .description("Import jobs by status")
                    .tag("status", status.json())
                    .register(registry);
        }
        for (String status : ITEM_STATUSES) {
            AtomicLong value = new AtomicLong();
            items.put(status, value);
            Gauge.builder("loupe.imports.items", value, AtomicLong::get)
                    .description("Items of the imports still expanding or running, by status")
                    .tag("status", status)
                    .register(registry);
            if (!status.equals("pending")) {
                outcomes.put(
                        status,
                        Counter.builder("loupe.imports.outcomes")
                                .description("Import items this instance saw become indexed, skipped or failed")
                                .tag("status", status)
                                .register(registry));
            }
        }
        published = Counter.builder("loupe.imports.events.published")
                .description("photo-ingested events this instance published for imports")
                .register(registry);
    }

    /** Sets the gauges to the database's counts. */
    void refresh(Map<ImportStatus, Long> jobCounts, Map<String, Long> itemCounts) {
        jobCounts.forEach((status, count) -> jobs.get(status).set(count));
        itemCounts.forEach((status, count) -> {
            AtomicLong value = items.get(status);
            if (value != null) {
                value.set(count);
            }
        });
    }

    /** Counts items that changed status, by their new status. */
    void outcomes(Map<String, Long> changed) {
        changed.forEach((status, count) -> {
            Counter counter = outcomes.get(status);
            if (counter != null) {
                counter.increment(count);
            }
        });
    }

    void published(int events) {
        published.increment(events);
    }
}
