package dev.loupe.indexer.config;

/** The Kafka topics and the consumer. Owned by the consumer's code. */
public interface KafkaConfig {}
