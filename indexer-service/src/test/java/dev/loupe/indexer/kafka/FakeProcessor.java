package dev.loupe.indexer.kafka;

import dev.loupe.ingest.EventOutcome;
import dev.loupe.ingest.EventProcessor;
import dev.loupe.ingest.FailureReason;
import dev.loupe.ingest.PhotoIngested;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link EventProcessor} that indexes everything except what its script says, and remembers every
 * event it was given (thread-safe: the ITs read it from the test thread).
 */
final class FakeProcessor implements EventProcessor {

    /** What becomes of an event delivered for the {@code delivery}-th time (1 the first time). */
    @FunctionalInterface
    interface Script {
        EventOutcome outcome(PhotoIngested event, int delivery) throws InterruptedException;
    }

    private final Script script;
    private final List<List<PhotoIngested>> batches = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, List<Instant>> seenAt = new ConcurrentHashMap<>();

    FakeProcessor(Script script) {
        this.script = script;
    }

    /** Indexes every event. */
    static FakeProcessor indexingAll() {
        return new FakeProcessor((event, delivery) -> new EventOutcome.Indexed(event));
    }

    /** Fails the given photo retryably (a network error) its first {@code failures} times, then indexes it. */
    static FakeProcessor failingRetryably(String photoId, int failures) {
        return new FakeProcessor((event, delivery) -> event.photoId().equals(photoId) && delivery <= failures
                ? retryable(event)
                : new EventOutcome.Indexed(event));
    }

    static EventOutcome.Failed retryable(PhotoIngested event) {
        return new EventOutcome.Failed(event, FailureReason.NETWORK, "connection reset", true);
    }

    @Override
    public List<EventOutcome> process(List<? extends dev.loupe.ingest.IngestEvent> delivered)
            throws InterruptedException {
        List<PhotoIngested> events =
                delivered.stream().map(PhotoIngested.class::cast).toList();
        batches.add(List.copyOf(events));
        List<EventOutcome> outcomes = new ArrayList<>(events.size());
        for (PhotoIngested event : events) {
            seenAt.computeIfAbsent(event.photoId(), id -> new CopyOnWriteArrayList<>())
                    .add(Instant.now());
            int delivery = calls.computeIfAbsent(event.photoId(), id -> new AtomicInteger())
                    .incrementAndGet();
            outcomes.add(script.outcome(event, delivery));
        }
        return outcomes;
    }

    List<List<PhotoIngested>> batches() {
        return batches;
    }

    int timesSeen(String photoId) {
        AtomicInteger count = calls.get(photoId);
        return count == null ? 0 : count.get();
    }

    /** When each delivery of a photo reached the processor. */
    List<Instant> seenAt(String photoId) {
        return seenAt.getOrDefault(photoId, List.of());
    }

    Set<String> photoIds() {
        return Set.copyOf(calls.keySet());
    }
}
