package dev.loupe.indexer.kafka;

import dev.loupe.ingest.EventOutcome;
import dev.loupe.ingest.EventProcessor;
import dev.loupe.ingest.IngestEvent;
import dev.loupe.ingest.IngestEventJson;
import dev.loupe.ingest.InvalidEventException;
import dev.loupe.jobs.ImportProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * Takes one polled batch of {@code photo-ingested} records (from the main or the retry topic) to the
 * point where its offsets may be committed: malformed events to the dead-letter topic, valid ones
 * through the {@link EventProcessor}, retryable failures to the delayed retry topic (or, after the last
 * attempt, to the dead-letter topic), final outcomes to {@link ImportProgress}. Returns only when every
 * send was acknowledged and every outcome recorded; if it throws, none of the batch may be committed
 * (the consumer delivers it again, which idempotent processing makes harmless).
 */
final class BatchHandler {

    private static final Logger LOG = Logger.getLogger(BatchHandler.class);

    /** Dead letters keep the original value up to this size; more would risk the producer's 1 MiB cap. */
    static final int MAX_DEAD_LETTER_VALUE_BYTES = 256 * 1024;

    private static final Set<String> DELIVERY_HEADERS = Set.of(
            DeliveryHeaders.ATTEMPT,
            DeliveryHeaders.NOT_BEFORE,
            DeliveryHeaders.RETRY_REASON,
            DeliveryHeaders.RETRY_MESSAGE,
            DeliveryHeaders.DLQ_REASON,
            DeliveryHeaders.DLQ_STAGE,
            DeliveryHeaders.DLQ_MESSAGE,
            DeliveryHeaders.DLQ_FIELD,
            DeliveryHeaders.DLQ_DROPPED_VALUE_BYTES);

    private final Topics topics;
    private final EventProcessor processor;
    private final ImportProgress progress;
    private final Producer<String, byte[]> producer;
    private final RetrySchedule retries;
    private final Duration sendTimeout;
    private final IngestMetrics metrics;
    private final Clock clock;

    BatchHandler(
            Topics topics,
            EventProcessor processor,
            ImportProgress progress,
            Producer<String, byte[]> producer,
            RetrySchedule retries,
            Duration sendTimeout,
            IngestMetrics metrics,
            Clock clock) {
        this.topics = topics;
        this.processor = processor;
        this.progress = progress;
        this.producer = producer;
        this.retries = retries;
        this.sendTimeout = sendTimeout;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Handles a batch; see the class comment.
     *
     * @throws InterruptedException when interrupted (shutdown abandons the batch)
     * @throws RuntimeException when the batch could not be completed (processor bug, broker
     *     unreachable, progress store failing): nothing of it may be committed
     */
    void handle(List<ConsumerRecord<String, byte[]>> records) throws InterruptedException {
        long started = System.nanoTime();
        List<ProducerRecord<String, byte[]>> sends = new ArrayList<>();
        List<Runnable> countOnSuccess = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                deliveries.add(Delivery.of(record, IngestEventJson.read(record.value())));
            } catch (InvalidEventException e) {
                LOG.warnf(
                        "malformed event at %s-%d@%d goes to %s: %s",
                        record.topic(), record.partition(), record.offset(), topics.deadLetter(), e.getMessage());
                sends.add(deadLetter(record, DeliveryHeaders.INVALID_EVENT, DeliveryHeaders.STAGE_PARSE, e.getMessage())
                        .withField(e.field()));
                countOnSuccess.add(() -> metrics.deadLettered(DeliveryHeaders.INVALID_EVENT));
            }
        }

        Map<String, List<EventOutcome>> finals = new LinkedHashMap<>();
        int withoutImport = 0;
        for (Outcome outcome : process(deliveries)) {
            Delivery delivery = outcome.delivery();
            EventOutcome result = outcome.result();
            if (result instanceof EventOutcome.Failed failed && failed.retryable()) {
                int attemptsMade = delivery.attemptsMade() + 1;
                if (retries.retries(attemptsMade)) {
                    sends.add(retry(delivery, failed, attemptsMade));
                    countOnSuccess.add(metrics::retried);
                    continue;
                }
                String message = "gave up after " + attemptsMade + " attempts: " + failed.message();
                sends.add(deadLetter(delivery.record(), failed.reason().name(), DeliveryHeaders.STAGE_PROCESS, message)
                        .record());
                countOnSuccess.add(() -> metrics.deadLettered(failed.reason().name()));
                result = new EventOutcome.Failed(failed.event(), failed.reason(), message, false);
            }
            countOnSuccess.add(count(result));
            if (delivery.importId() == null) {
                withoutImport++;
            } else {
                finals.computeIfAbsent(delivery.importId(), id -> new ArrayList<>())
                        .add(result);
            }
        }

        awaitAcknowledged(sends);
        for (Map.Entry<String, List<EventOutcome>> job : finals.entrySet()) {
            progress.record(job.getKey(), job.getValue());
        }

        metrics.consumed(records.size());
        metrics.withoutImport(withoutImport);
        countOnSuccess.forEach(Runnable::run);
        metrics.batch(Duration.ofNanos(System.nanoTime() - started));
    }

    /** Runs the processor and pairs every delivery with exactly one outcome. */
    private List<Outcome> process(List<Delivery> deliveries) throws InterruptedException {
        if (deliveries.isEmpty()) {
            return List.of();
        }
        List<EventOutcome> results =
                processor.process(deliveries.stream().map(Delivery::event).toList());
        // events are records: an outcome names its event by value, and a batch may hold one event twice
        Map<IngestEvent, Deque<Delivery>> waiting = new HashMap<>();
        deliveries.forEach(
                d -> waiting.computeIfAbsent(d.event(), e -> new ArrayDeque<>()).add(d));
        List<Outcome> outcomes = new ArrayList<>(deliveries.size());
        for (EventOutcome result : results) {
            Deque<Delivery> candidates = waiting.get(result.event());
            if (candidates == null || candidates.isEmpty()) {
                throw new IllegalStateException(
                        "the event processor returned an outcome for an event it was not given: "
                                + result.event().eventId());
            }
            outcomes.add(new Outcome(candidates.poll(), result));
        }
        if (outcomes.size() != deliveries.size()) {
            throw new IllegalStateException("the event processor returned " + results.size() + " outcomes for "
                    + deliveries.size() + " events");
        }
        return outcomes;
    }

    private Runnable count(EventOutcome result) {
        return switch (result) {
            case EventOutcome.Indexed indexed -> metrics::indexed;
            case EventOutcome.Skipped skipped -> metrics::skipped;
            case EventOutcome.Failed failed ->
                () -> metrics.failed(failed.reason().name());
        };
    }

    private ProducerRecord<String, byte[]> retry(Delivery delivery, EventOutcome.Failed failed, int attemptsMade) {
        ConsumerRecord<String, byte[]> record = delivery.record();
        Headers headers = carriedHeaders(record);
        Instant notBefore = clock.instant().plus(retries.backoff(attemptsMade));
        DeliveryHeaders.put(headers, DeliveryHeaders.ATTEMPT, Integer.toString(attemptsMade));
        DeliveryHeaders.put(headers, DeliveryHeaders.NOT_BEFORE, Long.toString(notBefore.toEpochMilli()));
        DeliveryHeaders.put(
                headers, DeliveryHeaders.RETRY_REASON, failed.reason().name());
        DeliveryHeaders.put(headers, DeliveryHeaders.RETRY_MESSAGE, String.valueOf(failed.message()));
        LOG.debugf(
                "event %s (item %s) failed retryably (%s), attempt %d again after %s",
                delivery.event().eventId(), delivery.event().itemId(), failed.reason(), attemptsMade + 1, notBefore);
        return new ProducerRecord<>(topics.retry(), null, record.key(), record.value(), headers);
    }

    private DeadLetter deadLetter(ConsumerRecord<String, byte[]> record, String reason, String stage, String message) {
        Headers headers = carriedHeaders(record);
        DeliveryHeaders.put(headers, DeliveryHeaders.DLQ_REASON, reason);
        DeliveryHeaders.put(headers, DeliveryHeaders.DLQ_STAGE, stage);
        DeliveryHeaders.put(headers, DeliveryHeaders.DLQ_MESSAGE, String.valueOf(message));
        byte[] value = record.value();
        if (value != null && value.length > MAX_DEAD_LETTER_VALUE_BYTES) {
            DeliveryHeaders.put(headers, DeliveryHeaders.DLQ_DROPPED_VALUE_BYTES, Integer.toString(value.length));
            value = null;
        }
        return new DeadLetter(new ProducerRecord<>(topics.deadLetter(), null, record.key(), value, headers));
    }

    /** The record's own headers (the import id, the producer's), with the first delivery's coordinates. */
    private static Headers carriedHeaders(ConsumerRecord<String, byte[]> record) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!DELIVERY_HEADERS.contains(header.key())) {
                headers.add(header);
            }
        }
        if (headers.lastHeader(DeliveryHeaders.ORIGINAL_TOPIC) == null) {
            DeliveryHeaders.put(headers, DeliveryHeaders.ORIGINAL_TOPIC, record.topic());
            DeliveryHeaders.put(headers, DeliveryHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()));
            DeliveryHeaders.put(headers, DeliveryHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
        }
        return headers;
    }

    private void awaitAcknowledged(List<ProducerRecord<String, byte[]>> sends) throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(sends.size());
        for (ProducerRecord<String, byte[]> send : sends) {
            acks.add(producer.send(send));
        }
        Acknowledgements.await(
                acks,
                sendTimeout,
                (i, cause, timedOut) -> timedOut
                        ? new IllegalStateException(
                                "no acknowledgement from " + sends.get(i).topic() + " within " + sendTimeout, cause)
                        : new IllegalStateException(
                                "could not send to " + sends.get(i).topic() + ": " + cause.getMessage(), cause));
    }

    /** The topics a batch's events go on to. */
    record Topics(String retry, String deadLetter) {}

    /** A valid event with what its record says about it. */
    record Delivery(ConsumerRecord<String, byte[]> record, IngestEvent event, String importId, int attemptsMade) {

        static Delivery of(ConsumerRecord<String, byte[]> record, IngestEvent event) {
            String attempt = DeliveryHeaders.text(record.headers(), DeliveryHeaders.ATTEMPT);
            int attemptsMade = 0;
            if (attempt != null) {
                try {
                    attemptsMade = Math.max(0, Integer.parseInt(attempt.strip()));
                } catch (NumberFormatException e) {
                    LOG.warnf(
                            "ignoring header %s=%s at %s-%d@%d",
                            DeliveryHeaders.ATTEMPT, attempt, record.topic(), record.partition(), record.offset());
                }
            }
            String importId = DeliveryHeaders.text(record.headers(), DeliveryHeaders.IMPORT_ID);
            return new Delivery(record, event, importId == null || importId.isBlank() ? null : importId, attemptsMade);
        }
    }

    private record Outcome(Delivery delivery, EventOutcome result) {}

    /** A dead letter under construction. */
    private record DeadLetter(ProducerRecord<String, byte[]> record) {

        ProducerRecord<String, byte[]> withField(String field) {
            DeliveryHeaders.put(record.headers(), DeliveryHeaders.DLQ_FIELD, field);
            return record;
        }
    }
}
