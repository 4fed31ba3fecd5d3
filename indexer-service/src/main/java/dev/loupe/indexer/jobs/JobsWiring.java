package dev.loupe.indexer.jobs;

import dev.loupe.indexer.config.IndexerConfig;
import dev.loupe.indexer.config.JobsConfig;
import dev.loupe.indexer.jobs.store.ImportStore;
import dev.loupe.indexer.jobs.store.SchemaMigrator;
import dev.loupe.ingest.AddressResolver;
import dev.loupe.ingest.FetchPolicy;
import dev.loupe.ingest.ImportPlanner;
import dev.loupe.ingest.ImportRoots;
import dev.loupe.ingest.PhotoFetcher;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Wiring of import jobs: the store over the reactive PostgreSQL pool, its schema migrated before it
 * is handed out, and the planner that checks and reads import sources.
 */
@ApplicationScoped
public class JobsWiring {

    /** Sent when fetching a TSV file by URL. */
    private static final String USER_AGENT = "Loupe/0.1 (+https://github.com/loupe)";

    private final JobsConfig config;

    JobsWiring(IndexerConfig config) {
        this.config = config.jobs();
    }

    /** The job store; the first use migrates the schema (safe when instances start together). */
    @Produces
    @Singleton
    ImportStore importStore(Pool pool) {
        new SchemaMigrator(pool, config.databaseTimeout()).migrate();
        return new ImportStore(pool, config.databaseTimeout());
    }

    @Produces
    @Singleton
    ImportPlanner importPlanner() {
        JobsConfig.TsvFetch tsv = config.tsvFetch();
        // TSV files come by http(s) only: folders and local files are imported by path
        PhotoFetcher fetcher = new PhotoFetcher(
                new FetchPolicy(
                        tsv.connectTimeout(),
                        tsv.readTimeout(),
                        tsv.maxBytes(),
                        tsv.maxRedirects(),
                        tsv.allowPrivateAddresses(),
                        null,
                        USER_AGENT),
                AddressResolver.system());
        return new ImportPlanner(
                new ImportRoots(config.roots(), "loupe.jobs.roots"), fetcher, config.maxUrls(), "loupe.jobs.max-urls");
    }
}
