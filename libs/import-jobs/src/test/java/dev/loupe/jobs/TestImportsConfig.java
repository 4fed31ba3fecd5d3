package dev.loupe.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@link ImportsConfig} for tests that build the jobs' classes themselves (the services' tests too). */
public record TestImportsConfig(List<Path> roots, int publishBatchSize) implements ImportsConfig {

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
    public int queueCapacity() {
        return 16;
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Duration metricsInterval() {
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

    @Override
    public Texts texts() {
        return new Texts() {
            @Override
            public int maxLineBytes() {
                return 1 << 20;
            }

            @Override
            public int maxTextChars() {
                return 8192;
            }

            @Override
            public int maxFieldChars() {
                return 4096;
            }

            @Override
            public int maxMetadataFields() {
                return 64;
            }

            @Override
            public int maxTags() {
                return 256;
            }
        };
    }
}
