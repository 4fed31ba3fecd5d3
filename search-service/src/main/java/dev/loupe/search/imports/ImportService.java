package dev.loupe.search.imports;

import dev.loupe.ingest.ImportPathRefusedException;
import dev.loupe.ingest.ImportPlanner;
import dev.loupe.ingest.ImportPlanner.Plan;
import dev.loupe.ingest.ImportRequestException;
import dev.loupe.ingest.ImportRoots;
import dev.loupe.ingest.IngestPipeline;
import dev.loupe.ingest.PhotoFetcher;
import dev.loupe.search.config.SearchConfig;
import dev.loupe.search.problem.InvalidRequestException;
import dev.loupe.search.store.CollectionCatalog;
import dev.loupe.service.imports.ImportRequest;
import dev.loupe.service.imports.ImportSourceRequest;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.UnknownCollectionException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
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

    private final ImportJobRepository jobs;
    private final IngestPipeline pipeline;
    private final ImportPlanner planner;
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
        this.planner = new ImportPlanner(roots, fetcher, config.imports().maxUrls(), "loupe.imports.max-urls");
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
        try {
            return planner.plan(source.type(), source.path(), source.url(), source.urls());
        } catch (ImportPathRefusedException e) {
            throw e; // 403
        } catch (ImportRequestException e) {
            throw InvalidRequestException.invalid(e.field(), e.why());
        }
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
