package dev.loupe.jobs;

import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Import jobs ({@code loupe.imports.*} of every service that serves {@code POST /v1/imports}): how
 * sources are read, how their events are handed on and how jobs are reported. Their rows live in
 * PostgreSQL (the embedded server in standalone, {@code quarkus.datasource.reactive.url} otherwise).
 */
public interface ImportsConfig {

    /**
     * Directories a {@code folder} import (or an {@code unsplash-tsv} {@code path}) may read under;
     * any other path is refused with 403. The photo fetcher allows {@code file:} URLs under the same
     * roots. Default: {@code photos}.
     */
    @WithDefault("photos")
    List<Path> roots();

    /** Most URLs one {@code urls} import may list; more are refused with 400. Default: 10000. */
    @WithDefault("10000")
    int maxUrls();

    /**
     * Items written to the database, and events handed to the publisher, per batch while a job is
     * expanded and published. Default: 500.
     */
    @WithDefault("500")
    int publishBatchSize();

    /** Most failures {@code GET /v1/imports/{id}} lists (the failed count goes on). Default: 1000. */
    @WithDefault("1000")
    int failuresLimit();

    /** Most jobs {@code GET /v1/imports} lists, newest first. Default: 100. */
    @WithDefault("100")
    int listLimit();

    /** Jobs expanded and published at the same time by this instance (where jobs run). Default: 2. */
    @WithDefault("2")
    int concurrency();

    /**
     * Most jobs expanding or running at once, over every instance; another request is refused with 503
     * until one finishes. Default: 16.
     */
    @WithDefault("16")
    int queueCapacity();

    /**
     * How often an instance that runs jobs looks for jobs nobody holds: new ones another service
     * recorded (search-service's in the distributed mode), and ones whose expansion or publishing was
     * cut off by a crashed instance. Default: 1 s.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** How often the job and item gauges are refreshed from the database. Default: 30 s. */
    @WithDefault("30s")
    Duration metricsInterval();

    /**
     * Items finished within this window make up an import's rate (photos/s) and its ETA. Default:
     * 60 s.
     */
    @WithDefault("60s")
    Duration rateWindow();

    /** Longest wait for one database statement or transaction. Default: 30 s. */
    @WithDefault("30s")
    Duration databaseTimeout();

    /** Fetching an {@code unsplash-tsv} file given by URL. */
    TsvFetch tsvFetch();

    /** The bounds on each record of a text import ({@code jsonl}, {@code csv}); a record over one fails alone. */
    Texts texts();

    /** Each bound is at most what a {@code text-ingested} event may carry (checked at start). */
    interface Texts {

        /** Longest line (JSONL) or record (CSV), in bytes; a longer one is skipped unread. Default: 1 MiB. */
        @WithDefault("1048576")
        int maxLineBytes();

        /** Longest text, in characters (code points), at most 16384. Default: 8192. */
        @WithDefault("8192")
        int maxTextChars();

        /** Longest answer, title or metadata string, in characters, at most 4096. Default: 4096. */
        @WithDefault("4096")
        int maxFieldChars();

        /** Most metadata fields on one record, at most 64. Default: 64. */
        @WithDefault("64")
        int maxMetadataFields();

        /** Most values in one tag list, at most 256. Default: 256. */
        @WithDefault("256")
        int maxTags();
    }

    /** The limits of fetching a TSV file by URL; the fetch is guarded like every photo fetch. */
    interface TsvFetch {

        /** Largest TSV file accepted, in bytes. Default: 268435456 (256 MiB). */
        @WithDefault("268435456")
        long maxBytes();

        /** Total deadline of the fetch, redirects and body included. Default: 120 s. */
        @WithDefault("120s")
        Duration readTimeout();

        /** Longest wait for the connection. Default: 5 s. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Redirects followed at most. Default: 5. */
        @WithDefault("5")
        int maxRedirects();

        /**
         * Whether hosts resolving to private, loopback or link-local addresses may be fetched (for
         * tests and closed networks). Default: false.
         */
        @WithDefault("false")
        boolean allowPrivateAddresses();
    }
}
