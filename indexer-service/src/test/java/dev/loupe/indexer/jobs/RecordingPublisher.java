package dev.loupe.indexer.jobs;

import dev.loupe.ingest.PhotoIngested;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tests' {@link EventPublisher}: keeps what it was handed instead of sending it to Kafka, and can
 * be told to fail (as an unreachable broker does). A CDI alternative, enabled by the {@link Profile}
 * of the tests that use it (others see the real Kafka publisher).
 */
@Alternative
@Singleton
public class RecordingPublisher implements EventPublisher {

    /** One acknowledged {@link #publish} call. */
    public record Batch(String importId, List<PhotoIngested> events) {}

    private final List<Batch> batches = new ArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();

    @Override
    public synchronized void publish(String importId, List<PhotoIngested> events) {
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

    /** Every event acknowledged for an import, in order. */
    public synchronized List<PhotoIngested> events(String importId) {
        return batches.stream()
                .filter(batch -> batch.importId().equals(importId))
                .flatMap(batch -> batch.events().stream())
                .toList();
    }

    /** The test profile that puts this publisher in place of the Kafka one. */
    public static final class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(RecordingPublisher.class);
        }
    }
}
