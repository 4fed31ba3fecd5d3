package dev.loupe.indexer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.loupe.ingest.EventOutcome;
import dev.loupe.ingest.FailureReason;
import dev.loupe.ingest.PhotoIngested;
import dev.loupe.testkit.kafka.LocalKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The consumers against a real broker: dead letters, delayed retries, and commits only after recording. */
class KafkaIngestionIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LocalKafka kafka;

    private final RecordingProgress progress = new RecordingProgress();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private KafkaIngestion ingestion;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void stopIngestion() {
        if (ingestion != null) {
            ingestion.close();
        }
    }

    @Test
    void a_malformed_event_lands_in_the_dead_letter_topic_and_the_next_good_event_is_processed() throws Exception {
        TestKafkaConfig config = topics(TestKafkaConfig.of(kafka.bootstrapServers(), "malformed"), 1);
        FakeProcessor processor = FakeProcessor.indexingAll();
        ingestion = start(config, processor);

        try (KafkaProducer<String, byte[]> producer = new KafkaClients(config).producer("test")) {
            producer.send(new ProducerRecord<>(config.topic(), "broken", Events.notJson()))
                    .get();
            producer.send(new ProducerRecord<>(config.topic(), "good", Events.json("good")))
                    .get();
        }

        await().atMost(WAIT).until(() -> processor.timesSeen("good") == 1);
        ConsumerRecord<String, byte[]> letter =
                TopicReader.read(config, config.dlqTopic(), 1).getFirst();
        assertThat(letter.key()).isEqualTo("broken");
        assertThat(letter.value()).isEqualTo(Events.notJson());
        assertThat(TopicReader.header(letter, DeliveryHeaders.DLQ_REASON)).isEqualTo(DeliveryHeaders.INVALID_EVENT);
        assertThat(TopicReader.header(letter, DeliveryHeaders.DLQ_STAGE)).isEqualTo(DeliveryHeaders.STAGE_PARSE);
        assertThat(TopicReader.header(letter, DeliveryHeaders.DLQ_MESSAGE)).contains("not valid JSON");
        assertThat(TopicReader.header(letter, DeliveryHeaders.ORIGINAL_TOPIC)).isEqualTo(config.topic());
        assertThat(TopicReader.header(letter, DeliveryHeaders.ORIGINAL_OFFSET)).isEqualTo("0");
        await().atMost(WAIT).until(() -> TopicReader.committed(kafka.admin(), config.groupId(), config.topic()) == 2);
        assertThat(ingestion.isRunning()).isTrue();
    }

    @Test
    void a_retryable_failure_goes_through_the_retry_topic_with_backoff_and_ends_indexed() throws Exception {
        TestKafkaConfig config = topics(
                TestKafkaConfig.of(kafka.bootstrapServers(), "retry").withRetry(4, Duration.ofMillis(400), 2), 2);
        FakeProcessor processor = FakeProcessor.failingRetryably("flaky", 2);
        ingestion = start(config, processor);

        publish(config, "job", List.of(Events.photo("flaky"), Events.photo("fine")));

        await().atMost(WAIT).until(() -> progress.of("job").size() == 2);
        assertThat(progress.of("job")).allMatch(EventOutcome.Indexed.class::isInstance);
        List<ConsumerRecord<String, byte[]>> retries = TopicReader.read(config, config.retryTopic(), 2);
        assertThat(retries)
                .extracting(r -> TopicReader.header(r, DeliveryHeaders.ATTEMPT))
                .containsExactly("1", "2");
        List<Instant> deliveries = processor.seenAt("flaky");
        assertThat(deliveries).hasSize(3);
        for (int attempt = 1; attempt <= 2; attempt++) {
            ConsumerRecord<String, byte[]> retry = retries.get(attempt - 1);
            Instant notBefore =
                    Instant.ofEpochMilli(Long.parseLong(TopicReader.header(retry, DeliveryHeaders.NOT_BEFORE)));
            assertThat(Duration.between(Instant.ofEpochMilli(retry.timestamp()), notBefore))
                    .as("backoff after attempt %d", attempt)
                    .isBetween(
                            Duration.ofMillis(400L << (attempt - 1)).minusMillis(100),
                            Duration.ofMillis(400L << (attempt - 1)));
            assertThat(deliveries.get(attempt))
                    .as("attempt %d waited", attempt + 1)
                    .isAfterOrEqualTo(notBefore);
        }
        assertThat(TopicReader.read(config, config.dlqTopic(), 0)).isEmpty();
    }

    @Test
    void a_retryable_failure_ends_in_the_dead_letter_topic_after_the_last_attempt() throws Exception {
        TestKafkaConfig config = topics(
                TestKafkaConfig.of(kafka.bootstrapServers(), "exhausted").withRetry(3, Duration.ofMillis(100), 2), 1);
        FakeProcessor processor = new FakeProcessor((event, delivery) -> FakeProcessor.retryable(event));
        ingestion = start(config, processor);

        publish(config, "job", List.of(Events.photo("doomed")));

        await().atMost(WAIT).until(() -> progress.of("job").size() == 1);
        assertThat(progress.of("job").getFirst()).isInstanceOfSatisfying(EventOutcome.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(FailureReason.NETWORK);
            assertThat(failed.retryable()).isFalse();
        });
        assertThat(processor.timesSeen("doomed")).isEqualTo(3);
        ConsumerRecord<String, byte[]> letter =
                TopicReader.read(config, config.dlqTopic(), 1).getFirst();
        assertThat(letter.key()).isEqualTo("doomed");
        assertThat(TopicReader.header(letter, DeliveryHeaders.DLQ_REASON)).isEqualTo("NETWORK");
        assertThat(TopicReader.header(letter, DeliveryHeaders.DLQ_STAGE)).isEqualTo(DeliveryHeaders.STAGE_PROCESS);
        assertThat(TopicReader.header(letter, DeliveryHeaders.DLQ_MESSAGE))
                .isEqualTo("gave up after 3 attempts: connection reset");
        assertThat(TopicReader.header(letter, DeliveryHeaders.ORIGINAL_TOPIC)).isEqualTo(config.topic());
        assertThat(TopicReader.header(letter, DeliveryHeaders.IMPORT_ID)).isEqualTo("job");
    }

    @Test
    void offsets_are_not_committed_while_the_progress_store_fails() throws Exception {
        TestKafkaConfig config = topics(TestKafkaConfig.of(kafka.bootstrapServers(), "progress-down"), 1);
        FakeProcessor processor = FakeProcessor.indexingAll();
        progress.failNext(3);
        ingestion = start(config, processor);

        publish(config, "job", photos(5));

        await().atMost(WAIT).until(() -> progress.of("job").size() == 5);
        assertThat(progress.failedCalls()).isEqualTo(3);
        assertThat(processor.timesSeen("p0"))
                .as("delivered again after each failure")
                .isEqualTo(4);
        await().atMost(WAIT).until(() -> TopicReader.committed(kafka.admin(), config.groupId(), config.topic()) == 5);
    }

    @Test
    void a_batch_abandoned_mid_way_is_delivered_again_to_a_new_consumer() throws Exception {
        TestKafkaConfig config = topics(TestKafkaConfig.of(kafka.bootstrapServers(), "abandoned"), 1);
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        FakeProcessor stuck = new FakeProcessor((event, delivery) -> {
            inFlight.countDown();
            never.await(); // a slow embedder: the batch is in flight when the service goes down
            return new EventOutcome.Indexed(event);
        });
        KafkaIngestion first = start(config, stuck);
        publish(config, "job", photos(6));
        assertThat(inFlight.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        first.abandon();

        assertThat(progress.all()).isEmpty();
        assertThat(TopicReader.committed(kafka.admin(), config.groupId(), config.topic()))
                .isZero();
        FakeProcessor processor = FakeProcessor.indexingAll();
        ingestion = start(config, processor);
        await().atMost(WAIT).until(() -> progress.of("job").size() == 6);
        assertThat(processor.photoIds()).hasSize(6);
        await().atMost(WAIT).until(() -> TopicReader.committed(kafka.admin(), config.groupId(), config.topic()) == 6);
    }

    private KafkaIngestion start(TestKafkaConfig config, FakeProcessor processor) {
        return KafkaIngestion.start(config, processor, progress, registry, Clock.systemUTC());
    }

    static void publish(TestKafkaConfig config, String importId, List<PhotoIngested> events)
            throws InterruptedException {
        KafkaEventPublisher publisher = new KafkaEventPublisher(config);
        try {
            publisher.publish(importId, events);
        } finally {
            publisher.close();
        }
    }

    private static TestKafkaConfig topics(TestKafkaConfig config, int partitions) throws InterruptedException {
        kafka.createTopic(config.topic(), partitions);
        kafka.createTopic(config.retryTopic(), partitions);
        kafka.createTopic(config.dlqTopic(), 1);
        return config;
    }

    private static List<PhotoIngested> photos(int count) {
        return IntStream.range(0, count).mapToObj(i -> Events.photo("p" + i)).toList();
    }
}
