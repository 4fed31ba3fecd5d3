package dev.loupe.indexer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.ingest.EventOutcome;
import dev.loupe.ingest.FailureReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Routing of one batch: dead letters, retries with backoff, outcomes per import, nothing before acks. */
class BatchHandlerTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final String TOPIC = "photo-ingested";

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final RecordingProgress progress = new RecordingProgress();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private long nextOffset;

    @Test
    void malformed_events_go_to_the_dead_letter_topic_with_the_reason_and_the_good_ones_are_processed()
            throws Exception {
        FakeProcessor processor = FakeProcessor.indexingAll();
        List<ConsumerRecord<String, byte[]>> batch = List.of(
                record("bad-json", Events.notJson(), "job-1"),
                record("no-id", Events.missingPhotoId(), "job-1"),
                record("bad-url", Events.badUrl(), null),
                record("huge", Events.oversize(), null),
                record("good", Events.json("good"), "job-1"));

        handler(processor).handle(batch);

        assertThat(processor.batches())
                .singleElement()
                .satisfies(events ->
                        assertThat(events).extracting(e -> e.photoId()).containsExactly("good"));
        List<ProducerRecord<String, byte[]>> dlq = producer.history();
        assertThat(dlq).hasSize(4).allSatisfy(letter -> {
            assertThat(letter.topic()).isEqualTo("photo-ingested.dlq");
            assertThat(header(letter, DeliveryHeaders.DLQ_REASON)).isEqualTo(DeliveryHeaders.INVALID_EVENT);
            assertThat(header(letter, DeliveryHeaders.DLQ_STAGE)).isEqualTo(DeliveryHeaders.STAGE_PARSE);
            assertThat(header(letter, DeliveryHeaders.ORIGINAL_TOPIC)).isEqualTo(TOPIC);
            assertThat(header(letter, DeliveryHeaders.ORIGINAL_PARTITION)).isEqualTo("0");
        });
        assertThat(dlq).extracting(ProducerRecord::key).containsExactly("bad-json", "no-id", "bad-url", "huge");
        assertThat(dlq)
                .extracting(r -> header(r, DeliveryHeaders.ORIGINAL_OFFSET))
                .containsExactly("0", "1", "2", "3");
        assertThat(dlq)
                .extracting(r -> header(r, DeliveryHeaders.DLQ_FIELD))
                .containsExactly("$", "photoId", "imageUrl", "$");
        assertThat(header(dlq.get(0), DeliveryHeaders.DLQ_MESSAGE)).contains("not valid JSON");
        assertThat(header(dlq.get(0), DeliveryHeaders.IMPORT_ID)).isEqualTo("job-1");
        assertThat(dlq.get(0).value()).isEqualTo(Events.notJson());
        assertThat(header(dlq.get(3), DeliveryHeaders.DLQ_DROPPED_VALUE_BYTES))
                .isEqualTo(Integer.toString(Events.oversize().length));
        assertThat(dlq.get(3).value()).isNull();
        assertThat(progress.of("job-1")).singleElement().isInstanceOf(EventOutcome.Indexed.class);
        assertThat(counter("loupe.indexer.events.dead.lettered")).isEqualTo(4);
        assertThat(counter("loupe.indexer.events.consumed")).isEqualTo(5);
    }

    @Test
    void final_outcomes_are_recorded_per_import_and_events_of_no_import_only_counted() throws Exception {
        FakeProcessor processor = new FakeProcessor((event, delivery) -> switch (event.photoId()) {
            case "skip" -> new EventOutcome.Skipped(event, "unchanged");
            case "broken" -> new EventOutcome.Failed(event, FailureReason.UNDECODABLE, "not an image", false);
            default -> new EventOutcome.Indexed(event);
        });

        handler(processor)
                .handle(List.of(
                        record("a", Events.json("a"), "job-1"),
                        record("skip", Events.json("skip"), "job-2"),
                        record("broken", Events.json("broken"), "job-1"),
                        record("lone", Events.json("lone"), null)));

        assertThat(progress.of("job-1"))
                .extracting(o -> o.getClass().getSimpleName() + ":" + o.event().itemId())
                .containsExactly("Indexed:a", "Failed:broken");
        assertThat(progress.of("job-2")).singleElement().isInstanceOf(EventOutcome.Skipped.class);
        assertThat(progress.all()).containsOnlyKeys("job-1", "job-2");
        assertThat(producer.history()).as("a permanent failure is not retried").isEmpty();
        assertThat(counter("loupe.indexer.events.without.import")).isEqualTo(1);
        assertThat(counter("loupe.indexer.events.indexed")).isEqualTo(2);
        assertThat(counter("loupe.indexer.events.failed")).isEqualTo(1);
    }

    @Test
    void a_retryable_failure_goes_to_the_retry_topic_with_its_attempt_and_not_before() throws Exception {
        FakeProcessor processor = FakeProcessor.failingRetryably("flaky", 10);

        handler(processor).handle(List.of(record("flaky", Events.json("flaky"), "job-1")));

        ProducerRecord<String, byte[]> retry = producer.history().getFirst();
        assertThat(retry.topic()).isEqualTo("photo-ingested.retry");
        assertThat(retry.key()).isEqualTo("flaky");
        assertThat(retry.value()).isEqualTo(Events.json("flaky"));
        assertThat(header(retry, DeliveryHeaders.ATTEMPT)).isEqualTo("1");
        assertThat(header(retry, DeliveryHeaders.NOT_BEFORE))
                .isEqualTo(Long.toString(NOW.plusSeconds(10).toEpochMilli()));
        assertThat(header(retry, DeliveryHeaders.RETRY_REASON)).isEqualTo("NETWORK");
        assertThat(header(retry, DeliveryHeaders.IMPORT_ID)).isEqualTo("job-1");
        assertThat(header(retry, DeliveryHeaders.ORIGINAL_OFFSET)).isEqualTo("0");
        assertThat(progress.all()).as("not final yet").isEmpty();
    }

    @Test
    void later_attempts_back_off_exponentially_and_keep_the_first_delivery_coordinates() throws Exception {
        FakeProcessor processor = FakeProcessor.failingRetryably("flaky", 10);
        ConsumerRecord<String, byte[]> secondAttempt = retryRecord("flaky", 2);

        handler(processor).handle(List.of(secondAttempt));

        ProducerRecord<String, byte[]> retry = producer.history().getFirst();
        assertThat(header(retry, DeliveryHeaders.ATTEMPT)).isEqualTo("3");
        assertThat(header(retry, DeliveryHeaders.NOT_BEFORE))
                .as("10 s × 3²")
                .isEqualTo(Long.toString(NOW.plusSeconds(90).toEpochMilli()));
        assertThat(header(retry, DeliveryHeaders.ORIGINAL_TOPIC)).isEqualTo(TOPIC);
        assertThat(header(retry, DeliveryHeaders.ORIGINAL_OFFSET)).isEqualTo("42");
        assertThat(retry.headers().headers(DeliveryHeaders.ATTEMPT)).hasSize(1);
    }

    @Test
    void after_the_last_attempt_the_event_goes_to_the_dead_letter_topic_and_is_recorded_failed() throws Exception {
        FakeProcessor processor = FakeProcessor.failingRetryably("flaky", 10);

        handler(processor).handle(List.of(retryRecord("flaky", 4))); // the 5th attempt of 5

        ProducerRecord<String, byte[]> letter = producer.history().getFirst();
        assertThat(letter.topic()).isEqualTo("photo-ingested.dlq");
        assertThat(header(letter, DeliveryHeaders.DLQ_REASON)).isEqualTo("NETWORK");
        assertThat(header(letter, DeliveryHeaders.DLQ_STAGE)).isEqualTo(DeliveryHeaders.STAGE_PROCESS);
        assertThat(header(letter, DeliveryHeaders.DLQ_MESSAGE)).isEqualTo("gave up after 5 attempts: connection reset");
        assertThat(header(letter, DeliveryHeaders.ATTEMPT))
                .as("retry headers are not carried")
                .isNull();
        assertThat(progress.of("job-1")).singleElement().isInstanceOfSatisfying(EventOutcome.Failed.class, failed -> {
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.reason()).isEqualTo(FailureReason.NETWORK);
        });
    }

    @Test
    void nothing_is_recorded_when_a_send_is_not_acknowledged() {
        MockProducer<String, byte[]> failing =
                new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        FakeProcessor processor = new FakeProcessor((event, delivery) ->
                event.photoId().equals("flaky") ? FakeProcessor.retryable(event) : new EventOutcome.Indexed(event));
        BatchHandler handler = handler(processor, failing, Duration.ofMillis(200));

        assertThatThrownBy(() -> handler.handle(List.of(
                        record("ok", Events.json("ok"), "job-1"), record("flaky", Events.json("flaky"), "job-1"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no acknowledgement from photo-ingested.retry");
        assertThat(progress.all()).isEmpty();
        assertThat(counter("loupe.indexer.events.consumed")).isZero();
    }

    @Test
    void a_failing_progress_store_fails_the_batch() {
        progress.failNext(1);
        BatchHandler handler = handler(FakeProcessor.indexingAll());

        assertThatThrownBy(() -> handler.handle(List.of(record("a", Events.json("a"), "job-1"))))
                .hasMessageContaining("progress store is down");
    }

    @Test
    void a_processor_that_loses_an_outcome_fails_the_batch() {
        BatchHandler handler = handler(events -> List.of());

        assertThatThrownBy(() -> handler.handle(List.of(record("a", Events.json("a"), "job-1"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0 outcomes for 1 events");
        assertThat(progress.all()).isEmpty();
    }

    @Test
    void the_same_event_twice_in_a_batch_gets_an_outcome_each() throws Exception {
        List<EventOutcome> given = new ArrayList<>();
        BatchHandler handler = handler(events -> {
            events.forEach(e -> given.add(new EventOutcome.Indexed(e)));
            return given;
        });

        handler.handle(List.of(record("a", Events.json("a"), "job-1"), record("a", Events.json("a"), "job-1")));

        assertThat(progress.of("job-1")).hasSize(2);
    }

    private BatchHandler handler(dev.loupe.ingest.EventProcessor processor) {
        return handler(processor, producer, Duration.ofSeconds(5));
    }

    private BatchHandler handler(
            dev.loupe.ingest.EventProcessor processor, MockProducer<String, byte[]> sends, Duration sendTimeout) {
        return new BatchHandler(
                new BatchHandler.Topics("photo-ingested.retry", "photo-ingested.dlq"),
                processor,
                progress,
                sends,
                new RetrySchedule(5, Duration.ofSeconds(10), 3, Duration.ofMinutes(15)),
                sendTimeout,
                new IngestMetrics(registry, "main"),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private ConsumerRecord<String, byte[]> record(String key, byte[] value, String importId) {
        RecordHeaders headers = new RecordHeaders();
        if (importId != null) {
            DeliveryHeaders.put(headers, DeliveryHeaders.IMPORT_ID, importId);
        }
        return Events.record(TOPIC, 0, nextOffset++, key, value, headers);
    }

    private static ConsumerRecord<String, byte[]> retryRecord(String photoId, int attemptsMade) {
        RecordHeaders headers = new RecordHeaders();
        DeliveryHeaders.put(headers, DeliveryHeaders.IMPORT_ID, "job-1");
        DeliveryHeaders.put(headers, DeliveryHeaders.ATTEMPT, Integer.toString(attemptsMade));
        DeliveryHeaders.put(headers, DeliveryHeaders.NOT_BEFORE, Long.toString(NOW.toEpochMilli()));
        DeliveryHeaders.put(headers, DeliveryHeaders.ORIGINAL_TOPIC, TOPIC);
        DeliveryHeaders.put(headers, DeliveryHeaders.ORIGINAL_PARTITION, "0");
        DeliveryHeaders.put(headers, DeliveryHeaders.ORIGINAL_OFFSET, "42");
        return Events.record("photo-ingested.retry", 0, 7, photoId, Events.json(photoId), headers);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private double counter(String name) {
        return registry.find(name).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }
}
