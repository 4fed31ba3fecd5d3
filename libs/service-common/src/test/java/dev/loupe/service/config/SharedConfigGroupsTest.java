package dev.loupe.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.encoders.ExecutionProvider;
import dev.loupe.encoders.RuntimeOptions;
import dev.loupe.encoders.batch.BatchSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedConfigGroupsTest {

    /** A service mapping as the services declare theirs: shared groups, one default overridden. */
    @ConfigMapping(prefix = "svc")
    interface ServiceConfig {

        OnnxRuntimeConfig runtime();

        Batching batching();

        MilvusConnectionConfig milvus();

        /** A Milvus group with settings of its own, as the indexer's is. */
        Indexing indexing();

        interface Indexing extends MilvusConnectionConfig {

            @WithDefault("HNSW")
            String index();
        }

        interface Batching extends BatchingConfig {

            @Override
            @WithDefault("512")
            int queueCapacity();
        }
    }

    private static ServiceConfig map(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus' "5ms" form
                .withMapping(ServiceConfig.class)
                .build();
        return config.getConfigMapping(ServiceConfig.class);
    }

    @Test
    void groups_take_their_defaults_and_a_service_may_redeclare_one() {
        ServiceConfig config = map(Map.of());

        assertThat(config.runtime().options()).isEqualTo(RuntimeOptions.cpu());
        assertThat(config.batching().settings()).isEqualTo(new BatchSettings(32, Duration.ofMillis(5), 512, 1));
    }

    @Test
    void groups_read_their_keys_under_the_service_prefix() {
        ServiceConfig config = map(Map.of(
                "svc.runtime.provider", "cuda",
                "svc.runtime.intra-op-threads", "4",
                "svc.runtime.cuda-device-id", "1",
                "svc.batching.max-wait", "2ms",
                "svc.batching.queue-capacity", "64",
                "svc.batching.workers", "2"));

        assertThat(config.runtime().options()).isEqualTo(new RuntimeOptions(ExecutionProvider.CUDA, 4, 0, 1));
        assertThat(config.batching().settings()).isEqualTo(new BatchSettings(32, Duration.ofMillis(2), 64, 2));
    }

    @Test
    void the_milvus_group_defaults_to_a_local_server_without_a_token_and_may_be_extended() {
        ServiceConfig config = map(Map.of(
                "svc.indexing.uri", "http://milvus:19530",
                "svc.indexing.token", "root:Milvus",
                "svc.indexing.timeout", "3s"));

        assertThat(config.milvus().uri()).isEqualTo("http://localhost:19530");
        assertThat(config.milvus().token()).isEmpty();
        assertThat(config.milvus().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.indexing().uri()).isEqualTo("http://milvus:19530");
        assertThat(config.indexing().token()).contains("root:Milvus");
        assertThat(config.indexing().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.indexing().index()).isEqualTo("HNSW");
    }
}
