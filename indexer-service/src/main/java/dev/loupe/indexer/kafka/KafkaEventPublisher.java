package dev.loupe.indexer.kafka;

import dev.loupe.indexer.config.IndexerConfig;
import dev.loupe.indexer.config.KafkaConfig;
import dev.loupe.ingest.IngestEvent;
import dev.loupe.ingest.IngestEventJson;
import dev.loupe.jobs.EventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes import events to {@code photo-ingested} through an idempotent producer with {@code
 * acks=all}: key = item id (photo or text record), value = {@link IngestEventJson}, header {@link DeliveryHeaders#IMPORT_ID}.
 * The producer is created on the first publish, so a service that never publishes never connects.
 */
@ApplicationScoped
public class KafkaEventPublisher implements EventPublisher {

    private final KafkaConfig config;
    private Producer<String, byte[]> producer; // guarded by this

    @Inject
    KafkaEventPublisher(IndexerConfig config) {
        this(config.kafka());
    }

    /** Publishes to {@code config.topic()} on {@code config.bootstrapServers()}. */
    public KafkaEventPublisher(KafkaConfig config) {
        this.config = config;
    }

    /**
     * {@inheritDoc}
     *
     * @param importId the job's id, or null for events of no job (no header then)
     * @throws PublishFailedException when an event was not acknowledged within {@code
     *     loupe.kafka.send-timeout}; the events before it may be on the topic (publishing them again is
     *     harmless)
     */
    @Override
    public void publish(String importId, List<? extends IngestEvent> events) throws InterruptedException {
        Producer<String, byte[]> sender = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (IngestEvent event : events) {
            RecordHeaders headers = new RecordHeaders();
            if (importId != null) {
                DeliveryHeaders.put(headers, DeliveryHeaders.IMPORT_ID, importId);
            }
            acks.add(sender.send(new ProducerRecord<>(
                    config.topic(),
                    null,
                    event.itemId(),
                    IngestEventJson.write(event).getBytes(StandardCharsets.UTF_8),
                    headers)));
        }
        Duration timeout = config.sendTimeout();
        Acknowledgements.await(
                acks,
                timeout,
                (i, cause, timedOut) -> new PublishFailedException(
                        timedOut
                                ? "Kafka did not acknowledge event " + (i + 1) + " of " + acks.size() + " for import "
                                        + importId + " within " + timeout
                                : "Kafka refused event " + (i + 1) + " of " + acks.size() + " for import " + importId
                                        + ": " + cause.getMessage(),
                        cause));
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaClients(config).producer("loupe-indexer-publisher");
        }
        return producer;
    }

    /** Closes the producer (waiting briefly for sends in flight); a later publish opens a new one. */
    @PreDestroy
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
