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

    @Test
    void the_mode_is_standalone_and_classifier_sessions_have_their_documented_defaults() {
        assertThat(config.mode()).isEqualTo(SearchConfig.Mode.STANDALONE);
        assertThat(config.store().type())
                .as("lucene in standalone, milvus in distributed")
                .isEmpty();
        assertThat(config.store().milvus().uri()).isEqualTo("http://localhost:19530");
        assertThat(config.store().milvus().token()).isEmpty();
        assertThat(config.store().milvus().timeout()).isEqualTo(Duration.ofSeconds(10));
        SearchConfig.Classifiers classifiers = config.classifiers();
        assertThat(classifiers.maxLabels()).isEqualTo(10_000);
        assertThat(classifiers.maxBatch()).isEqualTo(1000);
        assertThat(classifiers.maxSessions()).isEqualTo(1000);
        assertThat(classifiers.listLimit()).isEqualTo(100);
        assertThat(classifiers.initialPositives()).isEqualTo(50);
        assertThat(classifiers.topK()).isEqualTo(50);
        assertThat(classifiers.training().maxSteps()).isEqualTo(200);
        assertThat(classifiers.training().learningRate()).isEqualTo(0.2);
    }
}
