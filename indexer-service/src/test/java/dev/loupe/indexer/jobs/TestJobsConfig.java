package dev.loupe.indexer.jobs;

import dev.loupe.indexer.config.JobsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@link JobsConfig} for tests that build the jobs' classes themselves. */
record TestJobsConfig(List<Path> roots, int publishBatchSize) implements JobsConfig {

    @Override
    public String defaultCollection() {
        return "photos";
    }

    @Override
    public int maxUrls() {
        return 100;
    }

    @Override
    public int failuresLimit() {
        return 100;
    }

    @Override
    public int listLimit() {
        return 100;
    }

    @Override
    public int concurrency() {
        return 1;
    }

    @Override
    public Duration resumeInterval() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Duration rateWindow() {
        return Duration.ofSeconds(60);
    }

    @Override
    public Duration databaseTimeout() {
        return Duration.ofSeconds(20);
    }

    @Override
    public TsvFetch tsvFetch() {
        return null; // the tests build their fetcher themselves
    }
}
