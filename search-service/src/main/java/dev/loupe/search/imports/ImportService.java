package dev.loupe.search.imports;

import dev.loupe.ingest.FetchException;
import dev.loupe.ingest.FetchedPhoto;
import dev.loupe.ingest.ImportSource;
import dev.loupe.ingest.ImportSources;
import dev.loupe.ingest.IngestPipeline;
import dev.loupe.ingest.PhotoFetcher;
import dev.loupe.search.config.SearchConfig;
import dev.loupe.search.problem.InvalidRequestException;
import dev.loupe.search.store.CollectionCatalog;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.UnknownCollectionException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Validates import requests, records them as jobs and runs them in this process through the ingest
 * pipeline: {@code loupe.imports.concurrency} at a time, at most {@code loupe.imports.queue-capacity}
 * waiting. A job left running by a stopped process is marked failed at the next start.
 */
@Startup // marks jobs a restart cut off, before any request
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);

    /** Longest path or URL accepted in a request. */
    static final int MAX_LOCATION_CHARS = 4096;

    private final ImportJobRepository jobs;
    private final IngestPipeline pipeline;
    private final PhotoFetcher fetcher;
    private final ImportRoots roots;
    private final CollectionCatalog collections;
    private final SearchConfig.Imports settings;
    private final ThreadPoolExecutor executor;

    ImportService(
            ImportJobRepository jobs,
            IngestPipeline pipeline,
            PhotoFetcher fetcher,
            ImportRoots roots,
            CollectionCatalog collections,
            SearchConfig config) {
        this.jobs = jobs;
        this.pipeline = pipeline;
        this.fetcher = fetcher;
        this.roots = roots;
        this.collections = collections;
        this.settings = config.imports();
        int interrupted = jobs.failInterrupted();
        if (interrupted > 0) {
            LOG.warnf(
                    "%d import(s) were cut off by the last shutdown and are marked failed; import them again"
                            + " (photos already indexed are skipped as unchanged)",
                    interrupted);
        }
        this.executor = new ThreadPoolExecutor(
                settings.concurrency(),
                settings.concurrency(),
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queueCapacity()),
                Thread.ofPlatform().name("loupe-import-", 0).daemon().factory());
    }

    /** What a validated request imports. */
    private record Plan(String type, String description, ImportSource source) {}

    /**
     * Validates the request and queues the import.
     *
     * @return the queued job
     * @throws InvalidRequestException for a bad request (400)
     * @throws ImportPathRefusedException for a path outside the import roots (403)
     * @throws ImportQueueFullException when the queue is full (503)
     */
    public ImportJob submit(ImportRequest request) {
        if (request == null || request.source() == null) {
            throw InvalidRequestException.invalid("source", "required: {\"source\": {\"type\": \"folder\", ...}}");
        }
        String collection = collection(request.collection());
        Plan plan = plan(request.source());
        String id = UUID.randomUUID().toString();
        jobs.create(id, collection, plan.type(), plan.description());
        try {
            executor.execute(() -> run(id, collection, plan));
        } catch (RejectedExecutionException e) {
            jobs.delete(id);
            throw new ImportQueueFullException(settings.queueCapacity());
        }
        LOG.infof("import %s queued: %s %s into %s", id, plan.type(), plan.description(), collection);
        return require(id);
    }

    /** @throws UnknownImportException when no job has that id */
    public ImportJob require(String id) {
        return jobs.find(id).orElseThrow(() -> new UnknownImportException(id));
    }

    public ImportJobList recent() {
        return new ImportJobList(jobs.recent(settings.listLimit()).stream()
                .map(ImportJob::summary)
                .toList());
    }

    private String collection(String requested) {
        String name = requested == null || requested.isBlank() ? collections.defaultCollection() : requested;
        try {
            CollectionSpec.of(name, 2); // the dimension is a placeholder: this checks the name
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.invalid("collection", e.getMessage());
        }
        try {
            collections.requireSearchable(name); // an existing one must fit the model
        } catch (UnknownCollectionException e) {
            // created by the import
        }
        return name;
    }

    private Plan plan(ImportSourceRequest source) {
        String type = source.type() == null ? "" : source.type().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "folder" -> {
                Path folder = roots.require("source.path", location("source.path", source.path()), true);
                yield new Plan(type, folder.toString(), ImportSources.folder(folder));
            }
            case "unsplash-tsv" -> unsplash(source);
            case "urls" -> urls(source.urls());
            default ->
                throw InvalidRequestException.invalid(
                        "source.type", "one of folder, unsplash-tsv, urls; got '" + source.type() + "'");
        };
    }

    private Plan unsplash(ImportSourceRequest source) {
        if ((source.path() == null) == (source.url() == null)) {
            throw InvalidRequestException.invalid("source", "an unsplash-tsv import needs either 'path' or 'url'");
        }
        if (source.path() != null) {
            Path file = roots.require("source.path", location("source.path", source.path()), false);
            return new Plan("unsplash-tsv", file.toString(), sink -> {
                try (InputStream in = Files.newInputStream(file)) {
                    ImportSources.unsplashTsv(in).read(sink);
                }
            });
        }
        URI url = httpUrl("source.url", location("source.url", source.url()));
        return new Plan("unsplash-tsv", url.toString(), sink -> {
            FetchedPhoto tsv;
            try {
                tsv = fetcher.fetch(url);
            } catch (FetchException e) {
                throw new IOException("cannot fetch the TSV file: " + e.getMessage(), e);
            }
            ImportSources.unsplashTsv(new ByteArrayInputStream(tsv.bytes())).read(sink);
        });
    }

    private Plan urls(List<String> urls) {
        if (urls == null || urls.isEmpty()) {
            throw InvalidRequestException.invalid("source.urls", "a urls import needs at least one URL");
        }
        if (urls.size() > settings.maxUrls()) {
            throw InvalidRequestException.invalid(
                    "source.urls",
                    "at most " + settings.maxUrls() + " URLs per import (loupe.imports.max-urls), got " + urls.size());
        }
        for (int i = 0; i < urls.size(); i++) {
            httpUrl("source.urls[" + i + "]", location("source.urls[" + i + "]", urls.get(i)));
        }
        return new Plan("urls", urls.size() + " URL" + (urls.size() == 1 ? "" : "s"), ImportSources.urls(urls));
    }

    private static String location(String field, String value) {
        if (value == null || value.isBlank()) {
            throw InvalidRequestException.invalid(field, "required");
        }
        if (value.length() > MAX_LOCATION_CHARS) {
            throw InvalidRequestException.invalid(field, "at most " + MAX_LOCATION_CHARS + " characters");
        }
        return value;
    }

    /** An absolute http(s) URL; file URLs are not accepted from clients (folders are imported by path). */
    private static URI httpUrl(String field, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw InvalidRequestException.invalid(field, "not an absolute http(s) URL");
    }

    private void run(String id, String collection, Plan plan) {
        JobProgress progress = new JobProgress(jobs, id);
        try {
            jobs.markRunning(id);
            pipeline.run(collection, plan.source(), progress);
            progress.flush();
            jobs.finish(id, ImportStatus.DONE, null);
        } catch (CancellationException e) {
            // shutting down: the next start marks the job interrupted
            LOG.infof("import %s stopped by the shutdown", id);
        } catch (RuntimeException e) {
            LOG.warnf("import %s failed: %s", id, e.getMessage());
            try {
                progress.flush();
                jobs.finish(id, ImportStatus.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
            } catch (RuntimeException again) {
                LOG.warnf("cannot record the failure of import %s: %s", id, again.getMessage());
            }
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow(); // interrupts running imports: the pipeline finishes the batch being written
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("imports still running after 30 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
