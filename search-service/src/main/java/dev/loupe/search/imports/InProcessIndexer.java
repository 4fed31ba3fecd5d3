package dev.loupe.search.imports;

import dev.loupe.ingest.EventOutcome;
import dev.loupe.ingest.EventProcessor;
import dev.loupe.ingest.IngestEvent;
import dev.loupe.ingest.TextIngested;
import dev.loupe.jobs.EventPublisher;
import dev.loupe.jobs.ImportProgress;
import java.util.List;

/**
 * The standalone mode's {@link EventPublisher}: where indexer-service would receive an import's events
 * through Kafka, this process indexes them at once, {@code batchSize} at a time, and records each
 * batch's outcomes before taking the next, so that an import's progress moves as its photos and
 * texts are indexed. Every outcome is final here: a retryable failure (a timeout, say) is recorded failed, and
 * {@code POST /v1/imports/{id}/redrive} sends it again.
 */
final class InProcessIndexer implements EventPublisher {

    private final EventProcessor processor;
    private final ImportProgress progress;
    private final int batchSize;
    private final int textBatchSize;

    /**
     * @param batchSize photos per batch (each fetched, decoded and embedded)
     * @param textBatchSize text records per batch (one embedding call and one commit)
     */
    InProcessIndexer(EventProcessor processor, ImportProgress progress, int batchSize, int textBatchSize) {
        this.processor = processor;
        this.progress = progress;
        this.batchSize = batchSize;
        this.textBatchSize = textBatchSize;
    }

    @Override
    public void publish(String importId, List<? extends IngestEvent> events) throws InterruptedException {
        int batchSize = !events.isEmpty() && events.getFirst() instanceof TextIngested ? textBatchSize : this.batchSize;
        for (int from = 0; from < events.size(); from += batchSize) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("the import " + importId + " was stopped");
            }
            List<EventOutcome> outcomes =
                    processor.process(events.subList(from, Math.min(events.size(), from + batchSize)));
            progress.record(importId, outcomes);
        }
    }
}
