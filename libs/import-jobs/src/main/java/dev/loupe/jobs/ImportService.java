package dev.loupe.jobs;

import dev.loupe.ingest.ImportPlanner;
import dev.loupe.ingest.ImportPlanner.Plan;
import dev.loupe.ingest.ImportRequestException;
import dev.loupe.jobs.store.ImportStore;
import dev.loupe.vectorstore.CollectionSpec;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The import API of every service: validates requests, records them as jobs and hands them to a
 * {@link JobScheduler}; reports jobs (the same from every instance: they live in the database) and
 * redrives their failures.
 */
public final class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);

    private final ImportStore store;
    private final ImportPlanner planner;
    private final JobScheduler scheduler;
    private final ImportsConfig config;
    private final CollectionResolver collections;

    /** What collection an import request names. */
    @FunctionalInterface
    public interface CollectionResolver {
        /**
         * The collection a request's {@code collection} means (null or blank: the default one, for
         * photos); it may refuse it with an {@link ImportRequestException} or the service's own
         * exception (a collection another model built, a photo collection for texts).
         *
         * @param texts whether the import brings text records ({@code jsonl}, {@code csv}), not photos
         */
        String resolve(String requested, boolean texts);
    }

    public ImportService(
            ImportStore store,
            ImportPlanner planner,
            JobScheduler scheduler,
            ImportsConfig config,
            CollectionResolver collections) {
        this.store = Objects.requireNonNull(store, "store");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
        this.collections = Objects.requireNonNull(collections, "collections");
    }

    /**
     * Validates the request, records the job and schedules it.
     *
     * @return the job as recorded
     * @throws ImportRequestException for a bad request (400)
     * @throws dev.loupe.ingest.ImportPathRefusedException for a path outside the import roots (403)
     * @throws ImportQueueFullException when {@code loupe.imports.queue-capacity} jobs are unfinished (503)
     */
    public ImportJob submit(ImportRequest request) {
        if (request == null || request.source() == null) {
            throw new ImportRequestException("source", "required: {\"source\": {\"type\": \"folder\", ...}}");
        }
        ImportSourceRequest source = request.source();
        String collection = collection(request.collection(), ImportPlanner.importsTexts(source.type()));
        Plan plan = planner.plan(source.type(), source.path(), source.url(), source.urls());
        if (store.active() >= config.queueCapacity()) {
            throw new ImportQueueFullException(config.queueCapacity());
        }
        String id = UUID.randomUUID().toString();
        store.create(id, collection, plan.type(), plan.description(), ImportRunner.requestJson(source));
        scheduler.schedule(id);
        LOG.infof("import %s queued: %s %s into %s", id, plan.type(), plan.description(), collection);
        return require(id);
    }

    /**
     * Imports an uploaded JSONL or CSV file of text records: records the job, reads the file into its
     * items now (the upload's bytes live only as long as the request), then schedules its publishing.
     * Bad records fail alone, as for a file under the import roots.
     *
     * @param type {@code jsonl} or {@code csv}; null to take it from the file name
     * @param file where the upload was stored (deleted by the caller afterwards)
     * @param name the file's name as the client gave it
     * @return the job, running (or failed when the file could not be read at all)
     * @throws ImportRequestException for another type or a bad collection (400)
     * @throws ImportQueueFullException when {@code loupe.imports.queue-capacity} jobs are unfinished (503)
     */
    public ImportJob submitUpload(String type, java.nio.file.Path file, String name, String requestedCollection) {
        String fileName = name == null || name.isBlank() ? "upload" : name;
        Plan plan = planner.planUpload(type, file, fileName);
        String collection = collection(requestedCollection, true);
        if (store.active() >= config.queueCapacity()) {
            throw new ImportQueueFullException(config.queueCapacity());
        }
        String id = UUID.randomUUID().toString();
        io.vertx.core.json.JsonObject request =
                new io.vertx.core.json.JsonObject().put("type", plan.type()).put(ImportRunner.UPLOAD, fileName);
        store.create(id, collection, plan.type(), plan.description(), request);
        // held while the file is read, so that no runner takes the job meanwhile
        try (ImportStore.Claim claim = store.claim(id)
                .orElseThrow(() -> new IllegalStateException("a new import is claimed by another process"))) {
            ItemExpansion.expand(store, id, collection, plan, config.publishBatchSize());
        }
        scheduler.schedule(id);
        LOG.infof("import %s queued: %s into %s", id, plan.description(), collection);
        return require(id);
    }

    /**
     * @return the job with its first {@code loupe.imports.failures-limit} failures
     * @throws UnknownImportException when no job has that id
     */
    public ImportJob require(String id) {
        return store.find(id, config.failuresLimit(), config.rateWindow())
                .orElseThrow(() -> new UnknownImportException(id));
    }

    /** The newest {@code loupe.imports.list-limit} jobs, without their failures. */
    public ImportJobList recent() {
        return new ImportJobList(store.recent(config.listLimit(), config.rateWindow()));
    }

    /**
     * Sends the job's failed photos again, as a new attempt each, and moves them back to pending.
     *
     * @return how many photos were sent again
     * @throws UnknownImportException when no job has that id
     * @throws ImportStillExpandingException while its source is being read
     */
    public int redrive(String id) {
        int redriven = store.redrive(id).orElseThrow(() -> new UnknownImportException(id));
        if (redriven > 0) {
            scheduler.schedule(id);
            LOG.infof("import %s: %d failed photo(s) redriven", id, redriven);
        }
        return redriven;
    }

    private String collection(String requested, boolean texts) {
        String name = collections.resolve(requested, texts);
        try {
            CollectionSpec.of(name, 2); // the dimension is a placeholder: this checks the name
        } catch (IllegalArgumentException e) {
            throw new ImportRequestException("collection", e.getMessage());
        }
        return name;
    }
}
