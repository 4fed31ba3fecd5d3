package dev.loupe.jobs;

import dev.loupe.ingest.IngestEvent;
import dev.loupe.ingest.PhotoIngested;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tests' {@link EventPublisher}: keeps what it was handed instead of sending it on, and can be told
 * to fail (as an unreachable broker does). The services' tests put a CDI alternative of it in place of
 * their real publisher.
 */
public class RecordingPublisher implements EventPublisher {

    /** One acknowledged {@link #publish} call. */
    public record Batch(String importId, List<IngestEvent> events) {}

    private final List<Batch> batches = new ArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();

    @Override
    public synchronized void publish(String importId, List<? extends IngestEvent> events) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("broker unavailable (test)");
        }
        batches.add(new Batch(importId, List.copyOf(events)));
    }

    /** The next {@code calls} calls fail without publishing. */
    public void failNext(int calls) {
        failures.set(calls);
    }

    public synchronized List<Batch> batches() {
        return List.copyOf(batches);
    }

    /** Every photo event acknowledged for an import, in order. */
    public synchronized List<PhotoIngested> events(String importId) {
        return all(importId).stream()
                .filter(PhotoIngested.class::isInstance)
                .map(PhotoIngested.class::cast)
                .toList();
    }

    /** Every event acknowledged for an import, photos and texts, in order. */
    public synchronized List<IngestEvent> all(String importId) {
        return batches.stream()
                .filter(batch -> batch.importId().equals(importId))
                .flatMap(batch -> batch.events().stream())
                .toList();
    }
}
