package dev.loupe.ingest;

/**
 * What became of one {@code photo-ingested} event (a photo or a text record). The consumer commits an event's offset only once
 * it has an outcome: indexed and skipped are final, a retryable failure goes to the retry topic, a
 * permanent one is recorded and not retried.
 */
public sealed interface EventOutcome {

    IngestEvent event();

    /** Embedded and upserted into the vector store. */
    record Indexed(IngestEvent event) implements EventOutcome {}

    /** Nothing to do, e.g. the stored record has the same content hash and model ("unchanged"). */
    record Skipped(IngestEvent event, String reason) implements EventOutcome {}

    /**
     * Not indexed. {@code retryable} failures (network, timeout, 5xx, embedder or store unavailable)
     * are worth another delivery later; the others (refused URL, too large, undecodable) are not.
     */
    record Failed(IngestEvent event, FailureReason reason, String message, boolean retryable) implements EventOutcome {}
}
