package dev.loupe.indexer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.testkit.kafka.LocalKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The in-process test broker: loopback only, and a restart keeps topics, records and group offsets. */
class LocalKafkaIT {

    @Test
    void listens_on_loopback_and_a_restart_keeps_records_and_committed_offsets() throws Exception {
        try (LocalKafka kafka = LocalKafka.start()) {
            String address = kafka.bootstrapServers();
            assertThat(address).startsWith("127.0.0.1:");
            assertThat(kafka.admin().describeCluster().nodes().get())
                    .singleElement()
                    .satisfies(node -> assertThat(node.host()).isEqualTo("127.0.0.1"));
            kafka.createTopic("restart-test", 2);
            try (KafkaProducer<String, String> producer = producer(kafka)) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("restart-test", "k" + i, "v" + i))
                            .get();
                }
            }
            try (KafkaConsumer<String, String> consumer = consumer(kafka)) {
                consumer.subscribe(List.of("restart-test"));
                assertThat(pollValues(consumer, 10)).hasSize(10);
                consumer.commitSync();
            }

            kafka.restart();

            assertThat(kafka.bootstrapServers()).isEqualTo(address);
            try (KafkaProducer<String, String> producer = producer(kafka)) {
                producer.send(new ProducerRecord<>("restart-test", "k10", "v10"))
                        .get();
            }
            try (KafkaConsumer<String, String> consumer = consumer(kafka)) {
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(
                        Set.of(new TopicPartition("restart-test", 0), new TopicPartition("restart-test", 1)));
                assertThat(committed.values().stream()
                                .mapToLong(OffsetAndMetadata::offset)
                                .sum())
                        .isEqualTo(10);
                consumer.subscribe(List.of("restart-test"));
                assertThat(pollValues(consumer, 1)).containsExactly("v10");
            }
        }
    }

    private static List<String> pollValues(KafkaConsumer<String, String> consumer, int expected) {
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (values.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
            }
        }
        return values;
    }

    private static KafkaProducer<String, String> producer(LocalKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(LocalKafka kafka) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-test");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
