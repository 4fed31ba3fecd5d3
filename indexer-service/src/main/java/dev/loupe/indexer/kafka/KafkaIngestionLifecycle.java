package dev.loupe.indexer.kafka;

import dev.loupe.indexer.config.IndexerConfig;
import dev.loupe.ingest.EventProcessor;
import dev.loupe.jobs.ImportProgress;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.Optional;

/**
 * Starts {@link KafkaIngestion} with the service when {@code loupe.kafka.enabled} (the default) and
 * stops it gracefully on shutdown, before the beans it uses go away.
 */
@ApplicationScoped
public class KafkaIngestionLifecycle {

    private final IndexerConfig config;
    private final Instance<EventProcessor> processor;
    private final Instance<ImportProgress> progress;
    private final MeterRegistry registry;
    private volatile KafkaIngestion ingestion;

    // Instance<>: the service builds and runs (consumers disabled) before the pipeline and the jobs exist
    KafkaIngestionLifecycle(
            IndexerConfig config,
            Instance<EventProcessor> processor,
            Instance<ImportProgress> progress,
            MeterRegistry registry) {
        this.config = config;
        this.processor = processor;
        this.progress = progress;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.kafka().enabled()) {
            return;
        }
        if (!processor.isResolvable() || !progress.isResolvable()) {
            throw new IllegalStateException("loupe.kafka.enabled is true but there is no single EventProcessor and"
                    + " ImportProgress to hand events to");
        }
        ingestion = KafkaIngestion.start(config.kafka(), processor.get(), progress.get(), registry, Clock.systemUTC());
    }

    void onStop(@Observes ShutdownEvent event) {
        KafkaIngestion running = ingestion;
        ingestion = null;
        if (running != null) {
            running.close();
        }
    }

    /** The running consumers, empty when disabled or stopped. */
    public Optional<KafkaIngestion> ingestion() {
        return Optional.ofNullable(ingestion);
    }
}
