package dev.loupe.indexer.kafka;

import dev.loupe.indexer.config.KafkaConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Builds this service's Kafka clients from {@link KafkaConfig}: the settings its delivery guarantees
 * rest on (manual commits, {@code acks=all}, idempotence) laid over {@code loupe.kafka.client.*}.
 */
final class KafkaClients {

    private static final int LINGER_MS = 5; // a publish of many events fills batches; a lone send waits little
    private static final int REQUEST_TIMEOUT_MS = 30_000; // Kafka's default, shortened under a short send timeout

    private final KafkaConfig config;

    KafkaClients(KafkaConfig config) {
        this.config = config;
    }

    /** A consumer of raw event bytes that commits only when told to. */
    KafkaConsumer<String, byte[]> consumer(String groupId, String clientId) {
        Map<String, Object> props = common();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatchSize());
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int)
                Math.min(Integer.MAX_VALUE, config.maxBatchDuration().toMillis()));
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** An idempotent producer whose sends count only once every in-sync replica has them. */
    KafkaProducer<String, byte[]> producer(String clientId) {
        Map<String, Object> props = common();
        int sendTimeoutMs =
                (int) Math.min(Integer.MAX_VALUE, config.sendTimeout().toMillis());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5); // the most idempotence keeps ordered
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        props.put(
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Math.max(1, Math.min(REQUEST_TIMEOUT_MS, sendTimeoutMs - LINGER_MS)));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, sendTimeoutMs);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeoutMs); // send() waits this long for metadata
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** An admin client for health checks. */
    Admin admin() {
        Map<String, Object> props = common();
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "loupe-indexer-health");
        return Admin.create(props);
    }

    private Map<String, Object> common() {
        Map<String, Object> props = new HashMap<>(config.client());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return props;
    }
}
