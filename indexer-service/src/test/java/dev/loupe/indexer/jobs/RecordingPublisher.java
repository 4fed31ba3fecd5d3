package dev.loupe.indexer.jobs;

import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * The shared recording publisher as a CDI alternative, enabled by the {@link Profile} of the tests that
 * use it (others see the real Kafka publisher).
 */
@Alternative
@Singleton
public class RecordingPublisher extends dev.loupe.jobs.RecordingPublisher {

    /** The test profile that puts this publisher in place of the Kafka one. */
    public static final class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(RecordingPublisher.class);
        }
    }
}
