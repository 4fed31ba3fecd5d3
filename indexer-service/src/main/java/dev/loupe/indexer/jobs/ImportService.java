package dev.loupe.indexer.jobs;

import dev.loupe.indexer.config.IndexerConfig;
import dev.loupe.indexer.config.JobsConfig;
import dev.loupe.indexer.jobs.store.ImportStore;
import dev.loupe.ingest.ImportPlanner;
import dev.loupe.ingest.ImportPlanner.Plan;
import dev.loupe.ingest.ImportRequestException;
import dev.loupe.service.imports.ImportRequest;
import dev.loupe.service.imports.ImportSourceRequest;
import dev.loupe.vectorstore.CollectionSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Validates import requests, records them as jobs and hands them to the {@link ImportRunner}; reports
 * jobs and redrives their failures.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);

    private final ImportStore store;
    private final ImportPlanner planner;
    private final ImportRunner runner;
    private final JobsConfig config;

    ImportService(ImportStore store, ImportPlanner planner, ImportRunner runner, IndexerConfig config) {
        this.store = store;
        this.planner = planner;
        this.runner = runner;
        this.config = config.jobs();
    }

    /**
     * Validates the request, records the job and queues it.
     *
     * @return the job's id
     * @throws ImportRequestException for a bad request (400)
     * @throws dev.loupe.ingest.ImportPathRefusedException for a path outside the import roots (403)
     */
    public String submit(ImportRequest request) {
        if (request == null || request.source() == null) {
            throw new ImportRequestException("source", "required: {\"source\": {\"type\": \"folder\", ...}}");
        }
        String collection = collection(request.collection());
        ImportSourceRequest source = request.source();
        Plan plan = planner.plan(source.type(), source.path(), source.url(), source.urls());
        String id = UUID.randomUUID().toString();
        store.create(id, collection, plan.type(), plan.description(), ImportRunner.requestJson(source));
        runner.schedule(id);
        LOG.infof("import %s queued: %s %s into %s", id, plan.type(), plan.description(), collection);
        return id;
    }

    /**
     * @return the job with its first {@code loupe.jobs.failures-limit} failures
     * @throws UnknownImportException when no job has that id
     */
    public ImportJob require(String id) {
        return store.find(id, config.failuresLimit(), config.rateWindow())
                .orElseThrow(() -> new UnknownImportException(id));
    }

    /** The newest {@code loupe.jobs.list-limit} jobs, without their failures. */
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
            runner.schedule(id);
            LOG.infof("import %s: %d failed photo(s) redriven", id, redriven);
        }
        return redriven;
    }

    private String collection(String requested) {
        String name = requested == null || requested.isBlank() ? config.defaultCollection() : requested;
        try {
            CollectionSpec.of(name, 2); // the dimension is a placeholder: this checks the name
        } catch (IllegalArgumentException e) {
            throw new ImportRequestException("collection", e.getMessage());
        }
        return name;
    }
}
