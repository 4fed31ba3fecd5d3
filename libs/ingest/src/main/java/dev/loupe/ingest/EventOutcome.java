package dev.loupe.ingest;

/**
 * What became of one {@code photo-ingested} event. The consumer commits an event's offset only once
 * it has an outcome: indexed and skipped are final, a retryable failure goes to the retry topic, a
 * permanent one is recorded and not retried.
 */
public sealed interface EventOutcome {

    PhotoIngested event();

    /** Embedded and upserted into the vector store. */
    record Indexed(PhotoIngested event) implements EventOutcome {}

    /** Nothing to do, e.g. the stored record has the same content hash and model ("unchanged"). */
    record Skipped(PhotoIngested event, String reason) implements EventOutcome {}

    /**
     * Not indexed. {@code retryable} failures (network, timeout, 5xx, embedder or store unavailable)
     * are worth another delivery later; the others (refused URL, too large, undecodable) are not.
     */
    record Failed(PhotoIngested event, FailureReason reason, String message, boolean retryable)
            implements EventOutcome {}
}
