package dev.loupe.indexer.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The consumer's meters: events consumed and their fates, batch latency, batches that had to be tried
 * again. Counted once a batch is committed-ready, so redeliveries after a crash may count twice.
 */
final class IngestMetrics {

    private final MeterRegistry registry;
    private final String source;
    private final Counter consumed;
    private final Counter indexed;
    private final Counter skipped;
    private final Counter retried;
    private final Counter withoutImport;
    private final Counter batchFailures;
    private final Timer batches;

    /** @param source {@code main} or {@code retry}: which topic the consumer reads, as a tag */
    IngestMetrics(MeterRegistry registry, String source) {
        this.registry = registry;
        this.source = source;
        this.consumed = counter("loupe.indexer.events.consumed", "Events read from Kafka");
        this.indexed = counter("loupe.indexer.events.indexed", "Events embedded and stored");
        this.skipped = counter("loupe.indexer.events.skipped", "Events with nothing to do (unchanged photo)");
        this.retried = counter("loupe.indexer.events.retried", "Events sent to the delayed retry topic");
        this.withoutImport =
                counter("loupe.indexer.events.without.import", "Final outcomes of events that belong to no import job");
        this.batchFailures = counter(
                "loupe.indexer.batch.failures", "Batches that could not be completed and will be delivered again");
        this.batches = Timer.builder("loupe.indexer.batch.duration")
                .description("Time to process a batch, record its outcomes and hand on its retries and dead letters")
                .tag("source", source)
                .register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name)
                .description(description)
                .tag("source", source)
                .register(registry);
    }

    void consumed(int count) {
        consumed.increment(count);
    }

    void indexed() {
        indexed.increment();
    }

    void skipped() {
        skipped.increment();
    }

    void failed(String reason) {
        Counter.builder("loupe.indexer.events.failed")
                .description("Events recorded as failed (permanently, or after the last attempt)")
                .tag("source", source)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    void retried() {
        retried.increment();
    }

    void deadLettered(String reason) {
        Counter.builder("loupe.indexer.events.dead.lettered")
                .description("Events sent to the dead-letter topic")
                .tag("source", source)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    void withoutImport(int count) {
        withoutImport.increment(count);
    }

    void batchFailed() {
        batchFailures.increment();
    }

    void batch(Duration duration) {
        batches.record(duration);
    }
}
