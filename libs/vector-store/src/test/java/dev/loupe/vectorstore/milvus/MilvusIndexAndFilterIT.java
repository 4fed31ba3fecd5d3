package dev.loupe.vectorstore.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.testkit.LocalMilvusServer;
import dev.loupe.vectorstore.CollectionConflictException;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.IndexSettings;
import dev.loupe.vectorstore.IndexType;
import dev.loupe.vectorstore.Metric;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchHit;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.UnknownCollectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Milvus specifics beyond the contract (index types, metrics, spec round-trip, unavailability) against milvus-lite. */
class MilvusIndexAndFilterIT {

    private static final int DIMS = 4;
    private static final AtomicInteger COLLECTIONS = new AtomicInteger();

    private static LocalMilvusServer server;
    private static MilvusVectorStore store;

    private String collection;

    @BeforeAll
    static void startServer() throws Exception {
        server = LocalMilvusServer.start();
        store = MilvusVectorStore.connect(server.uri(), null, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void createCollection() {
        collection = "c" + COLLECTIONS.incrementAndGet();
        store.createCollection(CollectionSpec.of(collection, DIMS));
    }

    @AfterEach
    void dropCollection() {
        store.dropCollection(collection);
    }

    private static float[] unit(float... v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(n));
        }
        return out;
    }

    private static PhotoRecord photo(
            String id,
            float[] vector,
            String source,
            Integer width,
            List<String> tags,
            Map<String, String> extra,
            Instant takenAt) {
        return new PhotoRecord(
                id,
                vector,
                null,
                "https://example.org/" + id,
                null,
                "title " + id,
                null,
                tags,
                width,
                width == null ? null : width / 2,
                source,
                takenAt,
                Instant.ofEpochMilli(1_700_000_000_123L),
                "hash-" + id,
                "clip",
                extra);
    }

    private List<PhotoRecord> sample() {
        return List.of(
                photo(
                        "a",
                        unit(1, 0, 0, 0),
                        "unsplash",
                        1000,
                        List.of("cat", "indoor"),
                        Map.of("camera", "X100"),
                        Instant.parse("2020-01-01T00:00:00.001Z")),
                photo("b", unit(1, 1, 0, 0), "flickr", 500, List.of("dog"), Map.of(), null),
                photo("c", unit(0, 1, 0, 0), null, null, List.of(), Map.of("camera", "a\"b\\c"), null),
                photo(
                        "d",
                        unit(0, 0, 1, 0),
                        "un%",
                        2000,
                        List.of("cat"),
                        Map.of("camera", "X100"),
                        Instant.parse("2021-06-01T12:00:00Z")));
    }

    private List<String> ids(Filter filter) {
        List<String> ids = new ArrayList<>();
        store.forEach(collection, filter, 2, page -> page.forEach(r -> ids.add(r.id())));
        assertThat(store.count(collection, filter)).isEqualTo(ids.size());
        return ids;
    }

    @Test
    void upserted_records_are_visible_at_once_with_every_field() {
        store.upsert(collection, sample());

        List<PhotoRecord> got = store.get(collection, List.of("a", "c", "missing"));
        assertThat(got).extracting(PhotoRecord::id).containsExactlyInAnyOrder("a", "c");
        PhotoRecord a = got.stream().filter(r -> r.id().equals("a")).findFirst().orElseThrow();
        PhotoRecord expected = sample().getFirst();
        assertThat(a.vector()).containsExactly(expected.vector());
        assertThat(a.tags()).containsExactly("cat", "indoor");
        assertThat(a.extra()).isEqualTo(Map.of("camera", "X100"));
        assertThat(a.width()).isEqualTo(1000);
        assertThat(a.takenAt()).isEqualTo(expected.takenAt());
        assertThat(a.indexedAt()).isEqualTo(expected.indexedAt());
        assertThat(a.collection()).isEqualTo(collection);
        PhotoRecord c = got.stream().filter(r -> r.id().equals("c")).findFirst().orElseThrow();
        assertThat(c.source()).isNull();
        assertThat(c.width()).isNull();
        assertThat(c.tags()).isEmpty();
        assertThat(c.extra()).isEqualTo(Map.of("camera", "a\"b\\c"));
    }

    @Test
    void upserting_twice_keeps_one_record_with_the_last_values() {
        store.upsert(collection, sample());
        store.upsert(collection, List.of(sample().getFirst().withVector(unit(0, 0, 0, 1))));

        assertThat(store.count(collection, Filter.all())).isEqualTo(4);
        assertThat(store.get(collection, List.of("a")).getFirst().vector()).containsExactly(unit(0, 0, 0, 1));
    }

    @Test
    void search_returns_cosine_scores_best_first_with_paging_exclusions_and_min_score() {
        store.upsert(collection, sample());

        List<SearchHit> hits = store.search(collection, SearchQuery.of(unit(1, 0, 0, 0), 3));
        assertThat(hits).extracting(h -> h.record().id()).containsExactly("a", "b", "c");
        assertThat(hits.get(0).score()).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(hits.get(1).score()).isCloseTo((float) Math.sqrt(0.5), org.assertj.core.data.Offset.offset(1e-4f));

        SearchQuery paged = new SearchQuery(unit(1, 0, 0, 0), Filter.all(), 2, 1, Set.of("b"), 0.5f, true);
        List<SearchHit> page = store.search(collection, paged);
        assertThat(page).isEmpty(); // a is skipped by the offset, b excluded, c and d score 0

        SearchQuery withVectors = new SearchQuery(unit(1, 0, 0, 0), Filter.all(), 1, 0, Set.of("a"), null, true);
        assertThat(store.search(collection, withVectors).getFirst().record().vector())
                .containsExactly(unit(1, 1, 0, 0));
    }

    @Test
    void filters_have_the_contract_semantics() {
        store.upsert(collection, sample());

        assertThat(ids(Filter.eq("source", "unsplash"))).containsExactly("a");
        assertThat(ids(Filter.ne("source", "unsplash"))).containsExactlyInAnyOrder("b", "d");
        assertThat(ids(Filter.not(Filter.eq("source", "unsplash")))).containsExactlyInAnyOrder("b", "c", "d");
        assertThat(ids(Filter.notIn("source", List.of("flickr")))).containsExactlyInAnyOrder("a", "d");
        assertThat(ids(Filter.eq("source", "un_"))).isEmpty();
        assertThat(ids(Filter.eq("source", "un%"))).containsExactly("d");
        assertThat(ids(Filter.range("width", Filter.Op.GTE, 1000L))).containsExactlyInAnyOrder("a", "d");
        assertThat(ids(Filter.not(Filter.range("width", Filter.Op.GTE, 1000L)))).containsExactlyInAnyOrder("b", "c");
        assertThat(ids(Filter.range("takenAt", Filter.Op.GT, Instant.parse("2020-01-01T00:00:00Z"))))
                .containsExactlyInAnyOrder("a", "d");
        assertThat(ids(Filter.tagContains("cat"))).containsExactlyInAnyOrder("a", "d");
        assertThat(ids(Filter.not(Filter.tagContains("cat")))).containsExactlyInAnyOrder("b", "c");
        assertThat(ids(Filter.eq("extra.camera", "X100"))).containsExactlyInAnyOrder("a", "d");
        assertThat(ids(Filter.ne("extra.camera", "X100"))).containsExactly("c");
        assertThat(ids(Filter.eq("extra.camera", "a\"b\\c"))).containsExactly("c");
        assertThat(ids(Filter.eq("extra.lens", "x"))).isEmpty();
        assertThat(ids(Filter.or(
                        Filter.eq("id", "b"), Filter.and(Filter.tagContains("cat"), Filter.eq("source", "un%")))))
                .containsExactlyInAnyOrder("b", "d");
        assertThat(ids(Filter.not(Filter.all()))).isEmpty();
        assertThat(ids(Filter.in("id", List.of("x\" or id != \"", "a")))).containsExactly("a");
    }

    @Test
    void delete_removes_only_the_given_ids() {
        store.upsert(collection, sample());
        store.delete(collection, List.of("a", "nope"));
        assertThat(ids(Filter.all())).containsExactlyInAnyOrder("b", "c", "d");
    }

    @Test
    void for_each_visits_every_record_in_bounded_pages() {
        List<PhotoRecord> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(PhotoRecord.of("p" + i, unit(1, i, 0, 1)));
        }
        store.upsert(collection, many);
        List<Integer> sizes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        store.forEach(collection, Filter.all(), 10, page -> {
            sizes.add(page.size());
            page.forEach(r -> seen.add(r.id()));
        });
        assertThat(sizes).allMatch(s -> s <= 10);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @CsvSource({"HNSW,COSINE", "IVF_FLAT,COSINE", "IVF_SQ8,DOT_PRODUCT", "HNSW,DOT_PRODUCT"})
    void specs_round_trip_and_every_index_type_searches(IndexType type, Metric metric) {
        CollectionSpec spec = new CollectionSpec(
                collection + "_" + type + "_" + metric, DIMS, metric, new IndexSettings(type, 8, 64, 32, 4, 2, false));
        store.createCollection(spec);
        try {
            store.createCollection(spec);
            assertThat(store.listCollections()).contains(spec);
            assertThat(store.stats(spec.name()).orElseThrow().spec()).isEqualTo(spec);
            store.upsert(spec.name(), sample());
            List<SearchHit> hits = store.search(spec.name(), SearchQuery.of(unit(0, 0, 1, 0), 1));
            assertThat(hits).extracting(h -> h.record().id()).containsExactly("d");
            assertThat(hits.getFirst().score()).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-2f));
            assertThat(store.stats(spec.name()).orElseThrow().count()).isEqualTo(4);
        } finally {
            store.dropCollection(spec.name());
        }
        assertThat(store.stats(spec.name())).isEmpty();
    }

    @Test
    void a_different_dimension_or_metric_conflicts() {
        assertThatThrownBy(() -> store.createCollection(CollectionSpec.of(collection, DIMS + 1)))
                .isInstanceOf(CollectionConflictException.class);
        assertThatThrownBy(() -> store.createCollection(
                        new CollectionSpec(collection, DIMS, Metric.DOT_PRODUCT, IndexSettings.DEFAULT)))
                .isInstanceOf(CollectionConflictException.class);
    }

    @Test
    void unknown_collections_and_wrong_dimensions_are_refused() {
        assertThatThrownBy(() -> store.search("nope", SearchQuery.of(unit(1, 0, 0, 0), 1)))
                .isInstanceOf(UnknownCollectionException.class);
        assertThatThrownBy(() -> store.upsert("nope", sample())).isInstanceOf(UnknownCollectionException.class);
        assertThatThrownBy(() -> store.upsert(collection, List.of(PhotoRecord.of("x", new float[] {1, 0}))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 dimensions");
        assertThat(store.stats("nope")).isEmpty();
        store.dropCollection("nope");
    }

    @Test
    void an_unreachable_server_is_reported_as_unavailable() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertThatThrownBy(
                        () -> MilvusVectorStore.connect("http://127.0.0.1:" + closedPort, null, Duration.ofSeconds(2)))
                .isInstanceOf(MilvusUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort);
    }
}
