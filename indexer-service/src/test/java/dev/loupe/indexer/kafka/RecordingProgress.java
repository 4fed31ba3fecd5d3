package dev.loupe.indexer.kafka;

import dev.loupe.ingest.EventOutcome;
import dev.loupe.jobs.ImportProgress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link ImportProgress} that keeps every outcome per import, and can be told to fail its next calls. */
final class RecordingProgress implements ImportProgress {

    private final Map<String, List<EventOutcome>> outcomes = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    @Override
    public void record(String importId, List<EventOutcome> recorded) {
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            failed.incrementAndGet();
            throw new IllegalStateException("the progress store is down");
        }
        outcomes.computeIfAbsent(importId, id -> new CopyOnWriteArrayList<>()).addAll(recorded);
    }

    void failNext(int calls) {
        failuresLeft.set(calls);
    }

    int failedCalls() {
        return failed.get();
    }

    List<EventOutcome> of(String importId) {
        return outcomes.getOrDefault(importId, List.of());
    }

    Map<String, List<EventOutcome>> all() {
        return outcomes;
    }
}
