package dev.loupe.indexer.config;

import dev.loupe.embedder.client.EmbedderClientConfig;
import dev.loupe.jobs.ImportsConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the indexer service, under {@code loupe}. Environment variables use the usual
 * mapping ({@code loupe.kafka.topic} → {@code LOUPE_KAFKA_TOPIC}). Each group lives in its own file.
 */
@ConfigMapping(prefix = "loupe")
public interface IndexerConfig {

    /** The Kafka topics and the consumer. */
    KafkaConfig kafka();

    /** The REST client of embedder-service. */
    EmbedderClientConfig embedder();

    /** The Milvus server records are upserted into. */
    MilvusConfig milvus();

    /** Limits of every photo fetch. */
    FetchConfig fetch();

    /** How a batch of events is indexed: batch size, fetch concurrency, thumbnails. */
    IndexingConfig indexing();

    /** Import jobs (their rows live in PostgreSQL, configured by {@code quarkus.datasource.*}). */
    ImportsConfig imports();

    /** Collection an import or an event goes to when it names none. Default: {@code photos}. */
    @WithDefault("photos")
    String defaultCollection();
}
