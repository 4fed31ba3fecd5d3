package dev.loupe.indexer.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The Kafka topics and the consumer. Owned by the consumer's code (dev.loupe.indexer.kafka). */
public interface KafkaConfig {

    /**
     * Whether the {@code photo-ingested} consumers start with the service. Default {@code true}; tests
     * of other parts set it to {@code false} (the publisher still works, connecting on first use).
     */
    @WithDefault("true")
    boolean enabled();

    /** The brokers, {@code host:port,...}. Default {@code localhost:9092}. */
    @WithDefault("localhost:9092")
    String bootstrapServers();

    /** The topic of {@code photo-ingested} events (JSON, key = photo id). Default {@code photo-ingested}. */
    @WithDefault("photo-ingested")
    String topic();

    /**
     * The delayed retry topic: events whose processing failed retryably, with headers {@code
     * loupe-attempt} and {@code loupe-not-before}. Default {@code photo-ingested.retry}.
     */
    @WithDefault("photo-ingested.retry")
    String retryTopic();

    /**
     * The dead-letter topic: malformed events and events that failed every attempt, with the reason in
     * {@code loupe-dlq-*} headers. Default {@code photo-ingested.dlq}.
     */
    @WithDefault("photo-ingested.dlq")
    String dlqTopic();

    /**
     * The consumer group of the main topic; the retry topic's consumer uses this id with {@code
     * .retry} appended. Default {@code loupe-indexer}.
     */
    @WithDefault("loupe-indexer")
    String groupId();

    /**
     * The most events handed to the pipeline at once (Kafka's {@code max.poll.records}): one batch is
     * processed, its outcomes recorded and its offsets committed before the next poll. Default 64.
     */
    @WithDefault("64")
    int maxBatchSize();

    /**
     * The consumers of the main topic in this process, each with a thread and a connection of its own
     * (the topic needs at least as many partitions to keep them all busy). Default 1.
     */
    @WithDefault("1")
    int consumerThreads();

    /** How long one poll waits for events. Default 1 s. */
    @WithDefault("1s")
    Duration pollTimeout();

    /**
     * The longest a batch may take, processing included, before the broker considers the consumer dead
     * and reassigns its partitions (Kafka's {@code max.poll.interval.ms}). Default 10 min.
     */
    @WithDefault("10m")
    Duration maxBatchDuration();

    /**
     * How long to wait after a batch could not be completed (the broker unreachable, the progress store
     * failing) before the same events are tried again. Default 2 s.
     */
    @WithDefault("2s")
    Duration recoveryBackoff();

    /**
     * How long a send to the retry or dead-letter topic, or a publish, may wait for the broker's
     * acknowledgement (Kafka's {@code delivery.timeout.ms}). Default 2 min.
     */
    @WithDefault("2m")
    Duration sendTimeout();

    /**
     * How long shutdown waits for the batch in flight to finish and be committed; after that the batch
     * is abandoned uncommitted (it is delivered again later). Default 20 s.
     */
    @WithDefault("20s")
    Duration shutdownTimeout();

    /** Retries of events whose processing failed for a reason worth retrying. */
    Retry retry();

    /**
     * Further Kafka client settings for consumers, producers and the admin client alike (security,
     * {@code client.rack}, ...), e.g. {@code loupe.kafka.client."security.protocol"=SSL}. The
     * settings this service depends on (offsets, acknowledgements, idempotence) cannot be overridden.
     */
    Map<String, String> client();

    /** The backoff of the delayed retry topic. */
    interface Retry {

        /**
         * Attempts in all, the first delivery included; an event that fails retryably this many times
         * goes to the dead-letter topic and is recorded as failed. Default 5.
         */
        @WithDefault("5")
        int maxAttempts();

        /** The delay before the second attempt. Default 10 s. */
        @WithDefault("10s")
        Duration initialBackoff();

        /** The factor each further delay grows by. Default 3. */
        @WithDefault("3")
        double multiplier();

        /** The longest delay between two attempts. Default 15 min. */
        @WithDefault("15m")
        Duration maxBackoff();
    }
}
