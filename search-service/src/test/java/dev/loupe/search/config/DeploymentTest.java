package dev.loupe.search.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the mode makes of the settings left unset, and the combinations it refuses. */
class DeploymentTest {

    @Test
    void standalone_defaults_to_lucene_and_the_model_in_process() {
        SearchConfig config = config(SearchConfig.Mode.STANDALONE, Optional.empty(), Optional.empty());

        assertThat(Deployment.store(config)).isEqualTo(SearchConfig.Store.Type.LUCENE);
        assertThat(Deployment.embedding(config)).isEqualTo(SearchConfig.Embedding.LOCAL);
        assertThat(Deployment.distributed(config)).isFalse();
    }

    @Test
    void standalone_may_embed_through_the_embedder_and_keep_vectors_in_milvus() {
        SearchConfig config = config(
                SearchConfig.Mode.STANDALONE,
                Optional.of(SearchConfig.Store.Type.MILVUS),
                Optional.of(SearchConfig.Embedding.REMOTE));

        assertThat(Deployment.store(config)).isEqualTo(SearchConfig.Store.Type.MILVUS);
        assertThat(Deployment.remoteEmbedding(config)).isTrue();
    }

    @Test
    void distributed_defaults_to_milvus_and_the_embedder() {
        SearchConfig config = config(SearchConfig.Mode.DISTRIBUTED, Optional.empty(), Optional.empty());

        assertThat(Deployment.store(config)).isEqualTo(SearchConfig.Store.Type.MILVUS);
        assertThat(Deployment.embedding(config)).isEqualTo(SearchConfig.Embedding.REMOTE);
    }

    @Test
    void distributed_refuses_state_a_replica_would_not_share() {
        SearchConfig lucene =
                config(SearchConfig.Mode.DISTRIBUTED, Optional.of(SearchConfig.Store.Type.LUCENE), Optional.empty());
        SearchConfig local =
                config(SearchConfig.Mode.DISTRIBUTED, Optional.empty(), Optional.of(SearchConfig.Embedding.LOCAL));

        assertThatThrownBy(() -> Deployment.store(lucene))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("loupe.store.type=milvus");
        assertThatThrownBy(() -> Deployment.embedding(local))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("loupe.embedding=remote");
    }

    private static SearchConfig config(
            SearchConfig.Mode mode,
            Optional<SearchConfig.Store.Type> type,
            Optional<SearchConfig.Embedding> embedding) {
        SearchConfig.Store store = stub(SearchConfig.Store.class, Map.of("type", type));
        return stub(SearchConfig.class, Map.of("mode", mode, "store", store, "embedding", embedding));
    }

    /** A config interface answering the named methods; any other call fails the test. */
    private static <T> T stub(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new AssertionError("unexpected call " + method.getName());
            }
            return answers.get(method.getName());
        }));
    }
}
