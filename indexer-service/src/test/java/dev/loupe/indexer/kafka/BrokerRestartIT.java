package dev.loupe.indexer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.loupe.ingest.EventOutcome;
import dev.loupe.ingest.PhotoIngested;
import dev.loupe.testkit.kafka.LocalKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The broker restarts in the middle of a stream: every event is still indexed and recorded. */
class BrokerRestartIT {

    private static final int EVENTS = 300;
    private static final int CHUNK = 50;

    @Test
    void a_broker_restart_mid_stream_loses_nothing() throws Exception {
        RecordingProgress progress = new RecordingProgress();
        FakeProcessor processor = new FakeProcessor((event, delivery) -> {
            Thread.sleep(2); // slower than the producer, so the restart falls in the middle
            return new EventOutcome.Indexed(event);
        });
        try (LocalKafka kafka = LocalKafka.start()) {
            TestKafkaConfig config = TestKafkaConfig.of(kafka.bootstrapServers(), "restart");
            kafka.createTopic(config.topic(), 3);
            kafka.createTopic(config.retryTopic(), 1);
            kafka.createTopic(config.dlqTopic(), 1);
            List<PhotoIngested> events = IntStream.range(0, EVENTS)
                    .mapToObj(i -> Events.photo("photo-" + i))
                    .toList();
            KafkaEventPublisher publisher = new KafkaEventPublisher(config);
            try (KafkaIngestion ingestion =
                    KafkaIngestion.start(config, processor, progress, new SimpleMeterRegistry(), Clock.systemUTC())) {
                for (int i = 0; i < EVENTS / 2; i += CHUNK) {
                    publisher.publish("job", events.subList(i, i + CHUNK));
                }
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> processor.photoIds().size() >= CHUNK);

                kafka.restart();

                for (int i = EVENTS / 2; i < EVENTS; i += CHUNK) {
                    publisher.publish("job", events.subList(i, i + CHUNK));
                }
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> processor.photoIds().size() == EVENTS);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> recordedPhotoIds(progress).size() == EVENTS);
                assertThat(ingestion.isRunning()).isTrue();
            } finally {
                publisher.close();
            }
            assertThat(processor.photoIds())
                    .isEqualTo(events.stream().map(PhotoIngested::photoId).collect(Collectors.toSet()));
            assertThat(progress.of("job")).allMatch(EventOutcome.Indexed.class::isInstance);
            assertThat(TopicReader.read(config, config.dlqTopic(), 0)).isEmpty();
        }
    }

    private static Set<String> recordedPhotoIds(RecordingProgress progress) {
        return progress.of("job").stream().map(o -> o.event().itemId()).collect(Collectors.toSet());
    }
}
