package dev.loupe.indexer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.ingest.PhotoIngested;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The poll loop: commits only after a batch is handled, rewinds a failed one, holds back retries not yet due. */
class ConsumerLoopTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final RecordingProgress progress = new RecordingProgress();
    private final MutableClock clock = new MutableClock(START);

    @Test
    void offsets_are_committed_only_after_the_outcomes_were_recorded() throws Exception {
        FakeProcessor processor = FakeProcessor.indexingAll();
        TopicPartition partition = new TopicPartition("photo-ingested", 0);
        ConsumerLoop loop = loop("photo-ingested", false, processor);
        assign(loop, partition);
        progress.failNext(1);

        addRecords(partition, 0, "a", "b", "c");
        loop.step();

        assertThat(consumer.committed(Set.of(partition)))
                .as("nothing committed")
                .isEmpty();
        assertThat(consumer.position(partition))
                .as("rewound to the batch's start")
                .isZero();

        addRecords(partition, 0, "a", "b", "c"); // the broker delivers them again from the position
        loop.step();

        assertThat(consumer.committed(Set.of(partition)).get(partition).offset())
                .isEqualTo(3);
        assertThat(progress.of("job")).hasSize(3);
        assertThat(processor.timesSeen("a")).isEqualTo(2);
    }

    @Test
    void retries_wait_for_their_not_before_without_holding_up_other_partitions() throws Exception {
        FakeProcessor processor = FakeProcessor.indexingAll();
        TopicPartition slow = new TopicPartition("photo-ingested.retry", 0);
        TopicPartition other = new TopicPartition("photo-ingested.retry", 1);
        ConsumerLoop loop = loop("photo-ingested.retry", true, processor);
        assign(loop, slow, other);

        consumer.addRecord(retry(slow, 0, "due", START.minusSeconds(1)));
        consumer.addRecord(retry(slow, 1, "later", START.plusSeconds(5)));
        consumer.addRecord(retry(slow, 2, "after-later", START));
        consumer.addRecord(retry(other, 0, "elsewhere", START.plusMillis(1)));
        clock.set(START.plusMillis(1));
        loop.step();

        assertThat(photoIds(processor)).containsExactlyInAnyOrder("due", "elsewhere");
        assertThat(consumer.committed(Set.of(slow)).get(slow).offset()).isEqualTo(1);
        assertThat(consumer.paused()).containsExactly(slow);
        assertThat(consumer.position(slow)).isEqualTo(1);

        clock.set(START.plusSeconds(5));
        consumer.addRecord(retry(slow, 1, "later", START.plusSeconds(5)));
        consumer.addRecord(retry(slow, 2, "after-later", START));
        loop.step();

        assertThat(consumer.paused()).isEmpty();
        assertThat(photoIds(processor)).contains("later", "after-later");
        assertThat(consumer.committed(Set.of(slow)).get(slow).offset()).isEqualTo(3);
    }

    private ConsumerLoop loop(String topic, boolean delayed, FakeProcessor processor) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IngestMetrics metrics = new IngestMetrics(registry, delayed ? "retry" : "main");
        BatchHandler handler = new BatchHandler(
                new BatchHandler.Topics("photo-ingested.retry", "photo-ingested.dlq"),
                processor,
                progress,
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()),
                new RetrySchedule(3, Duration.ofSeconds(1), 2, Duration.ofSeconds(10)),
                Duration.ofSeconds(5),
                metrics,
                clock);
        return new ConsumerLoop(
                "test", consumer, topic, delayed, handler, Duration.ofMillis(10), Duration.ofMillis(1), metrics, clock);
    }

    private void assign(ConsumerLoop loop, TopicPartition... partitions) {
        loop.subscribe();
        consumer.rebalance(List.of(partitions));
        Map<TopicPartition, Long> beginnings = new java.util.HashMap<>();
        for (TopicPartition partition : partitions) {
            beginnings.put(partition, 0L);
        }
        consumer.updateBeginningOffsets(beginnings);
    }

    private void addRecords(TopicPartition partition, long firstOffset, String... photoIds) {
        long offset = firstOffset;
        for (String photoId : photoIds) {
            RecordHeaders headers = new RecordHeaders();
            DeliveryHeaders.put(headers, DeliveryHeaders.IMPORT_ID, "job");
            consumer.addRecord(record(partition, offset++, photoId, headers));
        }
    }

    private static ConsumerRecord<String, byte[]> retry(
            TopicPartition partition, long offset, String photoId, Instant notBefore) {
        RecordHeaders headers = new RecordHeaders();
        DeliveryHeaders.put(headers, DeliveryHeaders.ATTEMPT, "1");
        DeliveryHeaders.put(headers, DeliveryHeaders.NOT_BEFORE, Long.toString(notBefore.toEpochMilli()));
        return record(partition, offset, photoId, headers);
    }

    private static ConsumerRecord<String, byte[]> record(
            TopicPartition partition, long offset, String photoId, RecordHeaders headers) {
        return Events.record(partition.topic(), partition.partition(), offset, photoId, Events.json(photoId), headers);
    }

    private static List<String> photoIds(FakeProcessor processor) {
        return processor.batches().stream()
                .flatMap(List::stream)
                .map(PhotoIngested::photoId)
                .toList();
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
