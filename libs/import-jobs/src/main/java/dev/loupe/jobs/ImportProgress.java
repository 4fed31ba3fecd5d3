package dev.loupe.jobs;

import dev.loupe.ingest.EventOutcome;
import java.util.List;

/**
 * Where the consumer records final outcomes (indexed, skipped, permanently failed) of events that
 * belong to an import job. Idempotent per (import id, photo id): a redelivered event changes no
 * count. Called before the consumer commits the events' offsets.
 */
public interface ImportProgress {

    /** Kafka header naming the import job an event belongs to (absent on events others publish). */
    String IMPORT_ID_HEADER = "loupe-import-id";

    /** @param importId the job's id, from {@link #IMPORT_ID_HEADER} */
    void record(String importId, List<EventOutcome> outcomes);
}
