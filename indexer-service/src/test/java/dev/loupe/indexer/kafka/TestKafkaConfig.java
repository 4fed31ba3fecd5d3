package dev.loupe.indexer.kafka;

import dev.loupe.indexer.config.KafkaConfig;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** {@link KafkaConfig} for tests: short timeouts, topic names of its own. */
record TestKafkaConfig(
        boolean enabled,
        String bootstrapServers,
        String topic,
        String retryTopic,
        String dlqTopic,
        String groupId,
        int maxBatchSize,
        int consumerThreads,
        Duration pollTimeout,
        Duration maxBatchDuration,
        Duration recoveryBackoff,
        Duration sendTimeout,
        Duration shutdownTimeout,
        TestRetry retry,
        Map<String, String> client)
        implements KafkaConfig {

    record TestRetry(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff)
            implements KafkaConfig.Retry {}

    /** Topics and group named after {@code name} plus a random suffix, so tests sharing a broker do not meet. */
    static TestKafkaConfig of(String bootstrapServers, String name) {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new TestKafkaConfig(
                true,
                bootstrapServers,
                unique,
                unique + ".retry",
                unique + ".dlq",
                unique + "-group",
                16,
                1,
                Duration.ofMillis(100),
                Duration.ofMinutes(1),
                Duration.ofMillis(200),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                new TestRetry(3, Duration.ofMillis(300), 2, Duration.ofSeconds(5)),
                Map.of());
    }

    TestKafkaConfig withRetry(int maxAttempts, Duration initialBackoff, double multiplier) {
        return copy(
                maxBatchSize,
                consumerThreads,
                new TestRetry(maxAttempts, initialBackoff, multiplier, Duration.ofSeconds(30)));
    }

    /** The same topics with {@code maxBatchSize} events per batch and {@code consumerThreads} consumers. */
    TestKafkaConfig withBatching(int maxBatchSize, int consumerThreads) {
        return copy(maxBatchSize, consumerThreads, retry);
    }

    private TestKafkaConfig copy(int maxBatchSize, int consumerThreads, TestRetry retry) {
        return new TestKafkaConfig(
                enabled,
                bootstrapServers,
                topic,
                retryTopic,
                dlqTopic,
                groupId,
                maxBatchSize,
                consumerThreads,
                pollTimeout,
                maxBatchDuration,
                recoveryBackoff,
                sendTimeout,
                shutdownTimeout,
                retry,
                client);
    }
}
