package dev.loupe.jobs;

import dev.loupe.ingest.IngestEvent;
import java.util.List;

/**
 * Publishes the events an import expands into, to topic {@code photo-ingested}, keyed by item id (photo id, text record id),
 * with the job's id in header {@link ImportProgress#IMPORT_ID_HEADER}.
 */
public interface EventPublisher {

    /** Returns once the broker has acknowledged every event. */
    void publish(String importId, List<? extends IngestEvent> events) throws InterruptedException;
}
