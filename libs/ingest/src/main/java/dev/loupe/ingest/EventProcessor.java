package dev.loupe.ingest;

import java.util.List;

/**
 * Indexes a batch of valid events: fetch each photo (guarded), skip unchanged ones, embed the rest
 * through embedder-service, upsert them into the vector store. A bad photo fails alone.
 */
public interface EventProcessor {

    /**
     * @return exactly one outcome per event, in any order; never throws for a bad photo (only for a
     *     bug or an interrupt)
     */
    List<EventOutcome> process(List<PhotoIngested> events) throws InterruptedException;
}
