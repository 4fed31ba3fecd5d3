package dev.loupe.ingest;

import java.util.List;

/**
 * Indexes a batch of valid events: photos (fetched, guarded, skipped when unchanged, embedded, upserted
 * into the vector store) and text records (embedded, upserted into the text store). A bad item fails
 * alone. {@link EventRouter} hands each kind to its processor.
 */
public interface EventProcessor {

    /**
     * @return exactly one outcome per event, in any order; never throws for a bad item (only for a
     *     bug or an interrupt)
     */
    List<EventOutcome> process(List<? extends IngestEvent> events) throws InterruptedException;
}
