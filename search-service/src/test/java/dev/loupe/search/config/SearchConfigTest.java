package dev.loupe.search.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.encoders.RuntimeOptions;
import dev.loupe.search.GoldenPhotosResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(GoldenPhotosResource.class)
class SearchConfigTest {

    @Inject
    SearchConfig config;

    @Test
    void batching_keeps_the_query_defaults_over_the_shared_group_defaults() {
        assertThat(config.batching().maxWait()).isEqualTo(Duration.ofMillis(2));
        assertThat(config.batching().queueCapacity()).isEqualTo(512);
        assertThat(config.batching().maxBatchSize()).isEqualTo(8); // %test profile
        assertThat(config.batching().workers()).isEqualTo(1);
    }

    @Test
    void runtime_group_reads_the_shared_defaults() {
        assertThat(config.runtime().options()).isEqualTo(RuntimeOptions.cpu());
    }
}
