package dev.loupe.service.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * How a service reaches Milvus: a group of each Milvus-using service's {@code @ConfigMapping} (the
 * indexer's {@code loupe.milvus.*}, the search service's {@code loupe.store.milvus.*}), handed to
 * {@code MilvusVectorStore.connect(uri, token, timeout)}.
 */
public interface MilvusConnectionConfig {

    /** gRPC endpoint of Milvus. Default: {@code http://localhost:19530}. */
    @WithDefault("http://localhost:19530")
    String uri();

    /** {@code user:password} or an API key; unset when authentication is off. */
    Optional<String> token();

    /** Connection and per-call deadline. Default: 10s. */
    @WithDefault("10s")
    Duration timeout();
}
