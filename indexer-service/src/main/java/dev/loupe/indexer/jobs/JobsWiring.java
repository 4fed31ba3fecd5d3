package dev.loupe.indexer.jobs;

import dev.loupe.database.LoupeSchema;
import dev.loupe.database.PostgresUrls;
import dev.loupe.indexer.config.IndexerConfig;
import dev.loupe.ingest.ImportPlanner;
import dev.loupe.ingest.ImportRequestException;
import dev.loupe.jobs.EventPublisher;
import dev.loupe.jobs.ImportMetrics;
import dev.loupe.jobs.ImportPlanners;
import dev.loupe.jobs.ImportProgress;
import dev.loupe.jobs.ImportRunner;
import dev.loupe.jobs.ImportService;
import dev.loupe.jobs.ImportsConfig;
import dev.loupe.jobs.ItemProgress;
import dev.loupe.jobs.store.ImportStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wiring of import jobs (the shared libs/import-jobs): the store over the reactive PostgreSQL pool, the
 * schema migrated before it is handed out, the planner that checks and reads import sources, the runner
 * that expands jobs and publishes their events to Kafka, and the outcomes the consumer records.
 */
@ApplicationScoped
public class JobsWiring {

    private final IndexerConfig config;
    private final ImportsConfig imports;

    JobsWiring(IndexerConfig config) {
        this.config = config;
        this.imports = config.imports();
    }

    /** The job store; the first use migrates the schema (safe when instances start together). */
    @Produces
    @Singleton
    ImportStore importStore(
            Pool pool,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        LoupeSchema.migrate(PostgresUrls.dataSource(url, user.orElse(null), password.orElse(null)));
        return new ImportStore(pool, imports.databaseTimeout());
    }

    @Produces
    @Singleton
    ImportPlanner importPlanner() {
        return ImportPlanners.of(imports, false);
    }

    @Produces
    @Singleton
    ImportMetrics importMetrics(MeterRegistry registry) {
        return new ImportMetrics(registry);
    }

    /** Where the consumer records the outcomes of events that belong to an import. */
    @Produces
    @Singleton
    ImportProgress importProgress(ImportStore store, ImportMetrics metrics) {
        return new ItemProgress(store, metrics);
    }

    @Produces
    @Singleton
    ImportRunner importRunner(
            ImportStore store, ImportPlanner planner, EventPublisher publisher, ImportMetrics metrics) {
        return new ImportRunner(store, planner, publisher, metrics, imports);
    }

    void closeRunner(@Disposes ImportRunner runner) {
        runner.close();
    }

    /** Carries on the jobs a crash cut off, and takes the new ones search-service records. */
    void startRunner(@Observes StartupEvent event, ImportRunner runner) {
        runner.start();
    }

    @Produces
    @Singleton
    ImportService importService(ImportStore store, ImportPlanner planner, ImportRunner runner) {
        return new ImportService(store, planner, runner, imports, (requested, texts) -> {
            if (requested == null || requested.isBlank()) {
                if (texts) {
                    throw new ImportRequestException(
                            "collection", "a jsonl or csv import needs the text collection it goes into");
                }
                return config.defaultCollection();
            }
            return requested;
        });
    }
}
