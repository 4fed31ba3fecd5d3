package dev.loupe.jobs;

import dev.loupe.ingest.PhotoIngested;
import java.util.List;

/**
 * Publishes the events an import expands into, to topic {@code photo-ingested}, keyed by photo id,
 * with the job's id in header {@link ImportProgress#IMPORT_ID_HEADER}.
 */
public interface EventPublisher {

    /** Returns once the broker has acknowledged every event. */
    void publish(String importId, List<PhotoIngested> events) throws InterruptedException;
}
