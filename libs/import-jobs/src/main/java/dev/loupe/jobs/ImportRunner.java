package dev.loupe.jobs;

import dev.loupe.ingest.ImportPlanner;
import dev.loupe.ingest.ImportPlanner.Plan;
import dev.loupe.ingest.ImportRequestException;
import dev.loupe.ingest.IngestEvent;
import dev.loupe.ingest.IngestEventJson;
import dev.loupe.jobs.store.ImportStore;
import dev.loupe.jobs.store.ImportStore.Claim;
import dev.loupe.jobs.store.ImportStore.JobState;
import dev.loupe.jobs.store.ImportStore.Unsent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Carries import jobs through their two resumable phases, {@code loupe.imports.concurrency} at a time:
 *
 * <ol>
 *   <li><b>expand</b>: read the source and store every item (a photo with its {@code photo-ingested}
 *       event, pending; a refused entry, failed), in batches; a resumed expansion reads the source
 *       again and stores only the items it lacks. Then the job is {@code running}.
 *   <li><b>publish</b>: hand the stored events not yet acknowledged to the {@link EventPublisher}, in
 *       source order and batches, marking each batch once acknowledged.
 * </ol>
 *
 * A job runs in the process that claims it (a PostgreSQL advisory lock held on a connection). When a
 * process dies mid-job its claim goes with its connection, and every process that runs jobs looks for
 * jobs nobody holds at start and every {@code loupe.imports.poll-interval}: new ones another service
 * recorded, and ones cut off by a crash, whose rest it expands and whose events not marked acknowledged
 * it publishes. An event may thus be published twice (acknowledged, then the crash before the mark);
 * the consumer's idempotent upsert and {@link ItemProgress} make that harmless. {@link #start()} begins
 * the polling, {@link #close()} ends it and the jobs running here (they go on at the next start).
 */
public final class ImportRunner implements JobScheduler, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ImportRunner.class);

    /** Jobs waiting for a worker at most; beyond it, the periodic scan picks them up later. */
    static final int MAX_QUEUED = 1000;

    private final ImportStore store;
    private final ImportPlanner planner;
    private final EventPublisher publisher;
    private final ImportMetrics metrics;
    private final ImportsConfig config;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService scanner;
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

    public ImportRunner(
            ImportStore store,
            ImportPlanner planner,
            EventPublisher publisher,
            ImportMetrics metrics,
            ImportsConfig config) {
        this.store = store;
        this.planner = planner;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
        this.workers = new ThreadPoolExecutor(
                this.config.concurrency(),
                this.config.concurrency(),
                0,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(MAX_QUEUED),
                Thread.ofPlatform().name("loupe-import-", 0).daemon().factory());
        this.scanner = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("loupe-import-scan").daemon().factory());
    }

    /** Looks for jobs to carry on now and every {@code poll-interval}; refreshes the gauges every {@code metrics-interval}. */
    public void start() {
        scanner.scheduleWithFixedDelay(this::scan, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        scanner.scheduleWithFixedDelay(
                this::refreshMetrics, 0, config.metricsInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues a job to run here, unless it is queued or running here already. */
    @Override
    public void schedule(String id) {
        if (!scheduled.add(id)) {
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    run(id);
                } finally {
                    scheduled.remove(id);
                }
            });
        } catch (RejectedExecutionException e) {
            scheduled.remove(id); // the next scan queues it again
            LOG.debugf("import %s not queued now (%d waiting): the next scan takes it", id, MAX_QUEUED);
        }
    }

    /** Queues every job that some process must carry on. */
    void scan() {
        try {
            store.unfinished(MAX_QUEUED).forEach(this::schedule);
        } catch (RuntimeException e) {
            LOG.warnf("cannot look for imports to carry on: %s", e.getMessage());
        }
    }

    private void refreshMetrics() {
        try {
            metrics.refresh(store.jobsByStatus(), store.activeItemsByStatus());
        } catch (RuntimeException e) {
            LOG.debugf("cannot refresh the import gauges: %s", e.getMessage());
        }
    }

    /**
     * Expands and publishes a job, unless another process holds it. Leaves it to a later scan when the
     * database or the publisher fails; fails the job when its source cannot be read.
     */
    void run(String id) {
        Optional<Claim> claim;
        try {
            claim = store.claim(id);
        } catch (RuntimeException e) {
            LOG.warnf("import %s: cannot claim it: %s", id, e.getMessage());
            return;
        }
        if (claim.isEmpty()) {
            return;
        }
        try (Claim held = claim.get()) {
            Optional<JobState> state = store.state(id);
            if (state.isEmpty()) {
                return;
            }
            if (state.get().status() == ImportStatus.EXPANDING && !expand(id, state.get())) {
                return;
            }
            publish(id);
            store.completeIfFinished(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.infof("import %s stopped by the shutdown; it goes on at the next start", id);
        } catch (RuntimeException e) {
            LOG.warnf("import %s interrupted: %s; retried within %s", id, e.getMessage(), config.pollInterval());
        }
    }

    /** @return whether the job is now running (false: it failed as a whole) */
    private boolean expand(String id, JobState state) {
        if (state.request().containsKey(UPLOAD)) {
            // an upload is read by the request that brought it; its bytes are gone when that was cut off
            store.fail(
                    id,
                    "the upload of " + state.request().getString(UPLOAD) + " was cut off before it was read:"
                            + " upload the file again");
            return false;
        }
        Plan plan;
        try {
            plan = planner.plan(
                    state.request().getString("type"),
                    state.request().getString("path"),
                    state.request().getString("url"),
                    urls(state.request().getJsonArray("urls")));
        } catch (ImportRequestException e) {
            store.fail(id, e.getMessage());
            return false;
        }
        return ItemExpansion.expand(store, id, state.collection(), plan, config.publishBatchSize());
    }

    /** The key of a stored request that marks an upload (its file name), expanded by its request. */
    static final String UPLOAD = "upload";

    private void publish(String id) throws InterruptedException {
        int batchSize = config.publishBatchSize();
        while (true) {
            List<Unsent> batch = store.unsent(id, batchSize);
            if (batch.isEmpty()) {
                return;
            }
            List<IngestEvent> events = new ArrayList<>(batch.size());
            List<Integer> positions = new ArrayList<>(batch.size());
            for (Unsent unsent : batch) {
                events.add(IngestEventJson.read(unsent.eventJson()));
                positions.add(unsent.position());
            }
            publisher.publish(id, events);
            store.markPublished(id, positions);
            metrics.published(events.size());
        }
    }

    private static List<String> urls(JsonArray urls) {
        if (urls == null) {
            return null;
        }
        List<String> list = new ArrayList<>(urls.size());
        for (int i = 0; i < urls.size(); i++) {
            list.add(urls.getString(i));
        }
        return list;
    }

    /** The stored form of a request's source, read again by a resumed expansion. */
    public static JsonObject requestJson(ImportSourceRequest source) {
        JsonObject json = new JsonObject().put("type", source.type());
        if (source.path() != null) {
            json.put("path", source.path());
        }
        if (source.url() != null) {
            json.put("url", source.url());
        }
        if (source.urls() != null) {
            json.put("urls", new JsonArray(new ArrayList<>(source.urls())));
        }
        return json;
    }

    @Override
    public void close() {
        scanner.shutdownNow();
        workers.shutdownNow(); // a job cut off here goes on at the next start, here or elsewhere
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("imports still running 10 s after the shutdown began");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
