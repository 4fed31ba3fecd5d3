package dev.loupe.vectorstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link VectorStore} adapter must show. An adapter's test extends this class and
 * implements {@link #openStore()}; the suite opens a store before each test, drops the collections it
 * created and closes the store after it. Collection names carry a random suffix, so a shared server
 * (Milvus) may hold other collections.
 */
public abstract class VectorStoreContract {

    /** Small enough for a few hundred records to stay fast, large enough for HNSW to be approximate. */
    protected static final int DIMENSIONS = 16;

    private final List<String> created = new ArrayList<>();
    private VectorStore store;

    /** A store over the adapter's storage; called again by {@link #restart()} on the same storage. */
    protected abstract VectorStore openStore();

    /** Whether the adapter keeps records across {@link #restart()}; false skips the durability test. */
    protected boolean persistent() {
        return true;
    }

    protected final VectorStore store() {
        return store;
    }

    /** Closes the store and opens a new one on the same storage. */
    protected final void restart() {
        store.close();
        store = openStore();
    }

    @BeforeEach
    final void openContractStore() {
        store = openStore();
    }

    @AfterEach
    final void closeContractStore() {
        try {
            created.forEach(store::dropCollection);
        } finally {
            store.close();
        }
    }

    // ---------------------------------------------------------------- collections

    @Test
    void creating_a_collection_twice_with_the_same_spec_is_a_no_op() {
        CollectionSpec spec = newCollection();
        store.upsert(spec.name(), List.of(PhotoRecord.of("a", randomVector(new Random(1)))));

        store.createCollection(spec);

        assertThat(store.stats(spec.name())).hasValueSatisfying(s -> {
            assertThat(s.spec().dimensions()).isEqualTo(DIMENSIONS);
            assertThat(s.spec().metric()).isEqualTo(Metric.COSINE);
            assertThat(s.count()).isEqualTo(1);
        });
    }

    @Test
    void creating_a_collection_with_another_dimension_or_metric_conflicts() {
        CollectionSpec spec = newCollection();

        assertThatThrownBy(() -> store.createCollection(
                        new CollectionSpec(spec.name(), DIMENSIONS + 1, Metric.COSINE, IndexSettings.DEFAULT)))
                .isInstanceOf(CollectionConflictException.class);
        assertThatThrownBy(() -> store.createCollection(
                        new CollectionSpec(spec.name(), DIMENSIONS, Metric.DOT_PRODUCT, IndexSettings.DEFAULT)))
                .isInstanceOf(CollectionConflictException.class);
    }

    @Test
    void lists_counts_and_drops_collections() {
        CollectionSpec first = newCollection();
        CollectionSpec second = newCollection();
        store.upsert(first.name(), seeded(first.name(), 7, 3));

        assertThat(store.listCollections()).extracting(CollectionSpec::name).contains(first.name(), second.name());
        assertThat(store.stats(first.name()).orElseThrow().count()).isEqualTo(7);
        assertThat(store.stats(second.name()).orElseThrow().count()).isZero();

        store.dropCollection(first.name());
        store.dropCollection(first.name());

        assertThat(store.stats(first.name())).isEmpty();
        assertThat(store.listCollections()).extracting(CollectionSpec::name).doesNotContain(first.name());
        assertThat(store.stats(second.name())).isPresent();
    }

    @Test
    void a_dropped_collection_can_be_created_again_empty() {
        CollectionSpec spec = newCollection();
        store.upsert(spec.name(), seeded(spec.name(), 5, 4));
        store.dropCollection(spec.name());

        store.createCollection(spec);

        assertThat(store.count(spec.name(), Filter.all())).isZero();
    }

    @Test
    void operations_on_an_unknown_collection_fail_with_unknown_collection() {
        String name = "missing_" + suffix();
        float[] v = randomVector(new Random(2));

        assertThat(store.stats(name)).isEmpty();
        store.dropCollection(name);
        assertThatThrownBy(() -> store.upsert(name, List.of(PhotoRecord.of("a", v))))
                .isInstanceOf(UnknownCollectionException.class);
        assertThatThrownBy(() -> store.get(name, List.of("a"))).isInstanceOf(UnknownCollectionException.class);
        assertThatThrownBy(() -> store.delete(name, List.of("a"))).isInstanceOf(UnknownCollectionException.class);
        assertThatThrownBy(() -> store.search(name, SearchQuery.of(v, 5)))
                .isInstanceOf(UnknownCollectionException.class);
        assertThatThrownBy(() -> store.count(name, Filter.all())).isInstanceOf(UnknownCollectionException.class);
        assertThatThrownBy(() -> store.forEach(name, Filter.all(), 10, page -> {}))
                .isInstanceOf(UnknownCollectionException.class);
    }

    @Test
    void a_vector_of_the_wrong_length_is_rejected() {
        CollectionSpec spec = newCollection();

        assertThatThrownBy(() -> store.upsert(spec.name(), List.of(PhotoRecord.of("a", new float[DIMENSIONS + 1]))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.search(spec.name(), SearchQuery.of(new float[] {1, 0, 0}, 5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.count(spec.name(), Filter.all())).isZero();
    }

    // ---------------------------------------------------------------- records

    @Test
    void upserting_the_same_id_twice_keeps_one_record_and_the_second_wins() {
        CollectionSpec spec = newCollection();
        Random random = new Random(3);
        PhotoRecord first = full("p1", randomVector(random)).build();
        PhotoRecord second = new PhotoRecord(
                "p1",
                randomVector(random),
                null,
                null,
                null,
                "second",
                null,
                List.of(),
                10,
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of());

        store.upsert(spec.name(), List.of(first));
        store.upsert(spec.name(), List.of(first));
        store.upsert(spec.name(), List.of(second));

        assertThat(store.count(spec.name(), Filter.all())).isEqualTo(1);
        PhotoRecord got = store.get(spec.name(), List.of("p1")).get(0);
        assertSameRecord(got, second);
        assertThat(store.count(spec.name(), Filter.tagContains("cat"))).isZero();
        assertThat(store.count(spec.name(), Filter.eq("title", first.title()))).isZero();
        assertThat(store.count(spec.name(), Filter.eq("title", "second"))).isEqualTo(1);
    }

    @Test
    void get_returns_every_field_with_instants_at_millisecond_precision() {
        CollectionSpec spec = newCollection();
        Random random = new Random(4);
        PhotoRecord rich = full("rich", randomVector(random)).build();
        PhotoRecord bare = PhotoRecord.of("bare", randomVector(random));
        store.upsert(spec.name(), List.of(rich, bare));

        Map<String, PhotoRecord> got = byId(store.get(spec.name(), List.of("rich", "bare", "nope")));

        assertThat(got).containsOnlyKeys("rich", "bare");
        assertSameRecord(got.get("rich"), rich);
        assertSameRecord(got.get("bare"), bare);
        assertThat(got.get("bare").tags()).isEmpty();
        assertThat(got.get("bare").extra()).isEmpty();
        assertThat(got.get("bare").width()).isNull();
        assertThat(got.get("bare").takenAt()).isNull();
    }

    @Test
    void delete_removes_records_and_ignores_unknown_ids() {
        CollectionSpec spec = newCollection();
        store.upsert(spec.name(), seeded(spec.name(), 10, 5));

        store.delete(spec.name(), List.of("s0", "s1", "unknown"));

        assertThat(store.count(spec.name(), Filter.all())).isEqualTo(8);
        assertThat(store.get(spec.name(), List.of("s0", "s1", "s2")))
                .extracting(PhotoRecord::id)
                .containsExactly("s2");
        float[] deletedVector = seeded(spec.name(), 10, 5).get(0).vector();
        assertThat(store.search(spec.name(), SearchQuery.of(deletedVector, 10)))
                .extracting(h -> h.record().id())
                .doesNotContain("s0", "s1");
    }

    @Test
    void records_survive_a_restart() {
        org.junit.jupiter.api.Assumptions.assumeTrue(persistent(), "adapter is not persistent");
        CollectionSpec spec = newCollection();
        PhotoRecord rich = full("rich", randomVector(new Random(6))).build();
        store.upsert(spec.name(), List.of(rich));
        store.upsert(spec.name(), seeded(spec.name(), 20, 6));
        store.delete(spec.name(), List.of("s3"));

        restart();

        assertThat(store.stats(spec.name()).orElseThrow().spec()).isEqualTo(spec);
        assertThat(store.count(spec.name(), Filter.all())).isEqualTo(20);
        assertSameRecord(store.get(spec.name(), List.of("rich")).get(0), rich);
        assertThat(store.search(spec.name(), SearchQuery.of(rich.vector(), 1))
                        .get(0)
                        .record()
                        .id())
                .isEqualTo("rich");
    }

    @Test
    void concurrent_upserts_are_all_kept() throws Exception {
        CollectionSpec spec = newCollection();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    Random random = new Random(100 + thread);
                    for (int i = 0; i < 25; i++) {
                        store.upsert(
                                spec.name(), List.of(PhotoRecord.of("t" + thread + "_" + i, randomVector(random))));
                        store.search(spec.name(), SearchQuery.of(randomVector(random), 3));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.count(spec.name(), Filter.all())).isEqualTo(100);
    }

    // ---------------------------------------------------------------- search

    @Test
    void knn_search_matches_an_exact_scan_with_cosine_scores() {
        CollectionSpec spec = newCollection();
        List<PhotoRecord> records = seeded(spec.name(), 300, 7);
        store.upsert(spec.name(), records);
        Random random = new Random(77);

        for (int q = 0; q < 5; q++) {
            float[] query = randomVector(random);
            List<SearchHit> hits = store.search(spec.name(), SearchQuery.of(query, 10));
            List<Scored> exact = exact(records, query);

            assertThat(hits).extracting(h -> h.record().id()).containsExactlyElementsOf(ids(exact, 0, 10));
            for (int i = 0; i < hits.size(); i++) {
                assertThat(hits.get(i).score()).isCloseTo(exact.get(i).score(), within(1e-4f));
            }
        }
    }

    @Test
    void scores_are_cosines_for_vectors_that_were_not_normalised() {
        CollectionSpec spec = newCollection();
        float[] a = new float[DIMENSIONS];
        float[] b = new float[DIMENSIONS];
        a[0] = 3;
        b[0] = -2;
        b[1] = 2;
        store.upsert(spec.name(), List.of(PhotoRecord.of("a", a), PhotoRecord.of("b", b)));
        float[] query = new float[DIMENSIONS];
        query[0] = 5;

        List<SearchHit> hits = store.search(spec.name(), SearchQuery.of(query, 2));

        assertThat(hits).extracting(h -> h.record().id()).containsExactly("a", "b");
        assertThat(hits.get(0).score()).isCloseTo(1f, within(1e-5f));
        assertThat(hits.get(1).score()).isCloseTo((float) (-1 / Math.sqrt(2)), within(1e-5f));
        assertThat(hits).allSatisfy(h -> assertThat(h.record().vector()).isNull());
    }

    @Test
    void hits_carry_vectors_only_when_asked() {
        CollectionSpec spec = newCollection();
        List<PhotoRecord> records = seeded(spec.name(), 20, 8);
        store.upsert(spec.name(), records);
        float[] query = records.get(0).vector();

        List<SearchHit> hits =
                store.search(spec.name(), new SearchQuery(query, Filter.all(), 3, 0, Set.of(), null, true));

        assertThat(hits.get(0).record().id()).isEqualTo("s0");
        assertThat(hits.get(0).record().vector()).containsExactly(query, within(1e-5f));
        assertThat(hits).allSatisfy(h -> assertThat(h.record().vector()).hasSize(DIMENSIONS));
    }

    @Test
    void limit_and_offset_page_through_the_exact_ranking() {
        CollectionSpec spec = newCollection();
        List<PhotoRecord> records = seeded(spec.name(), 300, 9);
        store.upsert(spec.name(), records);
        float[] query = randomVector(new Random(99));
        List<Scored> exact = exact(records, query);

        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 10) {
            paged.addAll(
                    store
                            .search(
                                    spec.name(),
                                    new SearchQuery(query, Filter.all(), 10, offset, Set.of(), null, false))
                            .stream()
                            .map(h -> h.record().id())
                            .toList());
        }

        assertThat(paged).containsExactlyElementsOf(ids(exact, 0, 30));
        assertThat(store.search(spec.name(), new SearchQuery(query, Filter.all(), 10, 295, Set.of(), null, false)))
                .hasSize(5);
        assertThat(store.search(spec.name(), new SearchQuery(query, Filter.all(), 10, 400, Set.of(), null, false)))
                .isEmpty();
    }

    @Test
    void excluded_ids_are_never_returned() {
        CollectionSpec spec = newCollection();
        List<PhotoRecord> records = seeded(spec.name(), 200, 10);
        store.upsert(spec.name(), records);
        float[] query = randomVector(new Random(1010));
        List<Scored> exact = exact(records, query);
        Set<String> excluded = Set.copyOf(ids(exact, 0, 3));

        List<SearchHit> hits =
                store.search(spec.name(), new SearchQuery(query, Filter.all(), 10, 0, excluded, null, false));

        assertThat(hits).extracting(h -> h.record().id()).containsExactlyElementsOf(ids(exact, 3, 13));
    }

    @Test
    void hits_below_the_minimum_score_are_dropped() {
        CollectionSpec spec = newCollection();
        List<PhotoRecord> records = seeded(spec.name(), 200, 11);
        store.upsert(spec.name(), records);
        float[] query = randomVector(new Random(1111));
        List<Scored> exact = exact(records, query);
        float threshold = (exact.get(4).score() + exact.get(5).score()) / 2;

        List<SearchHit> hits =
                store.search(spec.name(), new SearchQuery(query, Filter.all(), 50, 0, Set.of(), threshold, false));

        assertThat(hits).extracting(h -> h.record().id()).containsExactlyElementsOf(ids(exact, 0, 5));
    }

    @Test
    void filtered_search_returns_the_exact_top_k_among_matching_records() {
        CollectionSpec spec = newCollection();
        List<PhotoRecord> records = seeded(spec.name(), 300, 12);
        store.upsert(spec.name(), records);
        float[] query = randomVector(new Random(1212));
        Filter filter = Filter.range("width", Filter.Op.LT, 150L); // half the records
        List<PhotoRecord> matching =
                records.stream().filter(r -> r.width() < 150).toList();

        List<SearchHit> hits = store.search(spec.name(), new SearchQuery(query, filter, 10, 0, Set.of(), null, false));

        assertThat(hits).extracting(h -> h.record().id()).containsExactlyElementsOf(ids(exact(matching, query), 0, 10));
    }

    // ---------------------------------------------------------------- filters

    @Test
    void every_operator_follows_the_filter_semantics() {
        String c = filterFixture();
        Instant t123 = Instant.parse("2024-05-01T12:00:00.123Z");
        Instant t124 = Instant.parse("2024-05-01T12:00:00.124Z");

        assertMatches(c, Filter.all(), "full", "other", "bare", "small");
        assertMatches(c, Filter.eq("title", "alpha"), "full");
        assertMatches(c, Filter.eq("title", "ALPHA"));
        assertMatches(c, Filter.ne("title", "alpha"), "other", "small");
        assertMatches(c, Filter.in("title", List.of("alpha", "beta", "gamma")), "full", "other");
        assertMatches(c, Filter.notIn("title", List.of("alpha")), "other", "small");
        assertMatches(c, Filter.eq("id", "bare"), "bare");
        assertMatches(c, Filter.in("id", List.of("bare", "small", "nope")), "bare", "small");
        assertMatches(c, Filter.notIn("id", List.of("bare", "small")), "full", "other");
        assertMatches(c, Filter.eq("source", "unsplash"), "full", "small");
        assertMatches(c, Filter.eq("width", 800L), "full");
        assertMatches(c, Filter.ne("width", 800L), "other", "small");
        assertMatches(c, Filter.range("width", Filter.Op.GT, 800L), "other");
        assertMatches(c, Filter.range("width", Filter.Op.GTE, 800L), "full", "other");
        assertMatches(c, Filter.range("width", Filter.Op.LT, 800L), "small");
        assertMatches(c, Filter.range("width", Filter.Op.LTE, 800L), "full", "small");
        assertMatches(c, Filter.in("width", List.of(640L, 1200L, 5L)), "other", "small");
        assertMatches(c, Filter.notIn("width", List.of(800L)), "other", "small");
        assertMatches(c, Filter.range("height", Filter.Op.GTE, Long.MIN_VALUE), "full", "other", "small");
        assertMatches(c, Filter.eq("takenAt", t123), "full");
        assertMatches(c, Filter.ne("takenAt", t123), "other", "small");
        assertMatches(c, Filter.range("takenAt", Filter.Op.GT, t123), "small");
        assertMatches(c, Filter.range("takenAt", Filter.Op.GTE, t124), "small");
        assertMatches(c, Filter.range("takenAt", Filter.Op.LT, t124), "full", "other");
        assertMatches(c, Filter.range("takenAt", Filter.Op.LTE, t123), "full", "other");
        assertMatches(c, Filter.tagContains("cat"), "full", "small");
        assertMatches(c, Filter.tagContains("Cat"));
        assertMatches(c, Filter.eq("extra.camera", "X100"), "full");
        assertMatches(c, Filter.ne("extra.camera", "X100"), "other");
        assertMatches(c, Filter.ne("extra.lens", "50mm"), "other");
        assertMatches(c, Filter.eq("extra.missing", "X100"));
        assertMatches(c, Filter.notIn("extra.camera", List.of("Z6")), "full");
    }

    @Test
    void not_is_true_exactly_where_its_operand_is_false_including_absent_fields() {
        String c = filterFixture();

        assertMatches(c, Filter.not(Filter.eq("title", "alpha")), "other", "bare", "small");
        assertMatches(c, Filter.not(Filter.ne("title", "alpha")), "full", "bare");
        assertMatches(c, Filter.not(Filter.tagContains("cat")), "other", "bare");
        assertMatches(c, Filter.not(Filter.range("width", Filter.Op.GTE, 800L)), "bare", "small");
        assertMatches(c, Filter.not(Filter.eq("extra.camera", "X100")), "other", "bare", "small");
        assertMatches(c, Filter.not(Filter.not(Filter.eq("title", "alpha"))), "full");
        assertMatches(c, Filter.not(Filter.all()));
    }

    @Test
    void and_or_not_combine() {
        String c = filterFixture();

        assertMatches(c, Filter.and(Filter.tagContains("cat"), Filter.range("width", Filter.Op.GTE, 700L)), "full");
        assertMatches(
                c,
                Filter.or(Filter.eq("source", "folder"), Filter.range("width", Filter.Op.LT, 700L)),
                "other",
                "small");
        assertMatches(
                c,
                Filter.not(Filter.or(Filter.eq("source", "folder"), Filter.range("width", Filter.Op.LT, 700L))),
                "full",
                "bare");
        assertMatches(
                c,
                Filter.and(Filter.not(Filter.eq("title", "beta")), Filter.or(Filter.all(), Filter.eq("id", "x"))),
                "full",
                "bare",
                "small");
        assertMatches(c, Filter.and(Filter.eq("title", "alpha"), Filter.eq("title", "beta")));
        assertMatches(c, Filter.or(Filter.eq("title", "alpha")), "full");
    }

    @Test
    void count_and_for_each_apply_the_filter() {
        String c = filterFixture();

        assertThat(store.count(c, Filter.tagContains("cat"))).isEqualTo(2);
        List<String> seen = new ArrayList<>();
        store.forEach(c, Filter.tagContains("cat"), 1, page -> page.forEach(r -> seen.add(r.id())));
        assertThat(seen).containsExactlyInAnyOrder("full", "small");
    }

    @Test
    void for_each_visits_every_record_exactly_once_in_pages() {
        CollectionSpec spec = newCollection();
        List<PhotoRecord> records = seeded(spec.name(), 250, 13);
        store.upsert(spec.name(), records);
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();

        store.forEach(spec.name(), Filter.all(), 40, page -> {
            pageSizes.add(page.size());
            page.forEach(r -> {
                seen.add(r.id());
                assertThat(r.vector()).hasSize(DIMENSIONS);
            });
        });

        assertThat(seen).hasSize(250).doesNotHaveDuplicates();
        assertThat(Set.copyOf(seen))
                .isEqualTo(records.stream().map(PhotoRecord::id).collect(Collectors.toSet()));
        assertThat(pageSizes).allSatisfy(size -> assertThat(size).isBetween(1, 40));
    }

    // ---------------------------------------------------------------- injection

    /** Values that break naive expression building, query parsers or LIKE patterns. */
    protected static List<String> hostileValues() {
        return List.of(
                "' OR 1=1 --",
                "\") or (id != \"",
                "\" || true || \"",
                "'",
                "\"",
                "\\",
                "\\\"",
                "a\\'b",
                "%",
                "_",
                "*",
                "?",
                "a%",
                "a_c",
                "a*",
                "line\nbreak\r\ttab",
                "ℌ𝔢𝔩𝔩𝔬 ש׳לום \u202Eevil\u202C 🙂👩‍👩‍👧",
                "x".repeat(FilterValues.MAX_STRING_LENGTH),
                "title",
                "id",
                "tags",
                "title:x AND y",
                "*:*",
                "(a OR b)",
                "a~2",
                "[a TO z]",
                "extra.camera == \"X100\"",
                " ",
                "");
    }

    @Test
    void hostile_values_match_exactly_the_records_holding_them() {
        CollectionSpec spec = newCollection();
        List<String> values = hostileValues();
        Random random = new Random(14);
        List<PhotoRecord> records = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            records.add(new PhotoRecord(
                    "h" + i,
                    randomVector(random),
                    null,
                    null,
                    null,
                    v,
                    null,
                    List.of(v),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Map.of("note", v)));
        }
        records.add(new PhotoRecord(
                "plain",
                randomVector(random),
                null,
                null,
                null,
                "plain",
                null,
                List.of("plain"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of("note", "plain")));
        store.upsert(spec.name(), records);
        Set<String> all = records.stream().map(PhotoRecord::id).collect(Collectors.toSet());

        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            String id = "h" + i;
            Set<String> others = new HashSet<>(all);
            others.remove(id);
            for (String field : List.of("title", "extra.note")) {
                assertMatches(spec.name(), Filter.eq(field, v), id);
                assertMatches(spec.name(), Filter.ne(field, v), others.toArray(String[]::new));
                assertMatches(spec.name(), Filter.in(field, List.of(v, "plain")), id, "plain");
                assertMatches(spec.name(), Filter.notIn(field, List.of(v)), others.toArray(String[]::new));
                assertMatches(spec.name(), Filter.not(Filter.eq(field, v)), others.toArray(String[]::new));
            }
            assertMatches(spec.name(), Filter.tagContains(v), id);
            assertMatches(spec.name(), Filter.eq("id", v));
            assertMatches(spec.name(), Filter.notIn("id", List.of(v)), all.toArray(String[]::new));
        }
    }

    @Test
    void hostile_field_names_are_rejected_before_any_adapter_sees_them() {
        for (String field : List.of(
                "extra.a\" or 1==1 or \"", "extra.a b", "extra.", "extra.a.b", "title or 1", "id\"", "tags[0]")) {
            assertThatThrownBy(() -> Filter.eq(field, "x")).isInstanceOf(InvalidFilterException.class);
        }
        assertThatThrownBy(() -> Filter.eq("title", "x".repeat(FilterValues.MAX_STRING_LENGTH + 1)))
                .isInstanceOf(InvalidFilterException.class);
        assertThatThrownBy(() -> Filter.eq("width", "800 or 1=1")).isInstanceOf(InvalidFilterException.class);
    }

    // ---------------------------------------------------------------- fixtures and helpers

    /** Creates a collection with a unique name that the suite drops after the test. */
    protected final CollectionSpec newCollection() {
        CollectionSpec spec = new CollectionSpec(
                "contract_" + suffix(),
                DIMENSIONS,
                Metric.COSINE,
                new IndexSettings(IndexType.HNSW, 16, 200, 100, 16, 8, false));
        created.add(spec.name());
        store.createCollection(spec);
        return spec;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /**
     * Four records: "full" and "small" with every field, "other" with most, "bare" with none, so that
     * absent fields show in every operator.
     */
    private String filterFixture() {
        CollectionSpec spec = newCollection();
        Random random = new Random(15);
        store.upsert(
                spec.name(),
                List.of(
                        new PhotoRecord(
                                "full",
                                randomVector(random),
                                spec.name(),
                                "https://x/full.jpg",
                                null,
                                "alpha",
                                "d",
                                List.of("cat", "outdoor"),
                                800,
                                600,
                                "unsplash",
                                Instant.parse("2024-05-01T12:00:00.123Z"),
                                Instant.parse("2025-01-01T00:00:00Z"),
                                "h1",
                                "clip",
                                Map.of("camera", "X100")),
                        new PhotoRecord(
                                "other",
                                randomVector(random),
                                spec.name(),
                                null,
                                null,
                                "beta",
                                null,
                                List.of("dog"),
                                1200,
                                900,
                                "folder",
                                Instant.parse("2023-01-01T00:00:00Z"),
                                null,
                                null,
                                null,
                                Map.of("camera", "Z6", "lens", "35mm")),
                        PhotoRecord.of("bare", randomVector(random)),
                        new PhotoRecord(
                                "small",
                                randomVector(random),
                                spec.name(),
                                null,
                                null,
                                "Alpha",
                                null,
                                List.of("cat"),
                                640,
                                480,
                                "unsplash",
                                Instant.parse("2024-05-01T12:00:00.124Z"),
                                null,
                                null,
                                null,
                                Map.of())));
        return spec.name();
    }

    /** The filter selects exactly these ids in search, count and forEach. */
    protected final void assertMatches(String collection, Filter filter, String... expected) {
        float[] query = randomVector(new Random(16));
        List<String> searched =
                store.search(collection, new SearchQuery(query, filter, 100, 0, Set.of(), null, false)).stream()
                        .map(h -> h.record().id())
                        .toList();
        assertThat(searched).as("search with %s", filter).containsExactlyInAnyOrder(expected);
        assertThat(store.count(collection, filter)).as("count with %s", filter).isEqualTo(expected.length);
        List<String> walked = new ArrayList<>();
        store.forEach(collection, filter, 50, page -> page.forEach(r -> walked.add(r.id())));
        assertThat(walked).as("forEach with %s", filter).containsExactlyInAnyOrder(expected);
    }

    /** {@code n} records "s0".."s{n-1}" with seeded unit vectors and width = index mod 300. */
    protected static List<PhotoRecord> seeded(String collection, int n, long seed) {
        Random random = new Random(seed);
        return IntStream.range(0, n)
                .mapToObj(i -> new PhotoRecord(
                        "s" + i,
                        randomVector(random),
                        collection,
                        null,
                        null,
                        "t" + i,
                        null,
                        List.of("g" + (i % 3)),
                        i % 300,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null))
                .toList();
    }

    protected static float[] randomVector(Random random) {
        float[] v = new float[DIMENSIONS];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static PhotoRecordBuilder full(String id, float[] vector) {
        return new PhotoRecordBuilder(id, vector);
    }

    /** A record with every field set, instants with nanoseconds the store truncates. */
    private record PhotoRecordBuilder(String id, float[] vector) {
        PhotoRecord build() {
            Map<String, String> extra = new HashMap<>();
            extra.put("camera", "X100 \"V\"");
            extra.put("lens", "23mm f/2");
            return new PhotoRecord(
                    id,
                    vector,
                    "c",
                    "https://example.org/" + id + ".jpg",
                    "https://example.org/t/" + id + ".jpg",
                    "A house by the lake — ünïcødé 🙂",
                    "desc\nline two",
                    List.of("cat", "outdoor", "cat 2"),
                    4000,
                    3000,
                    "unsplash",
                    Instant.parse("2021-03-04T05:06:07.123456789Z"),
                    Instant.parse("2025-11-23T10:00:00.987654Z"),
                    "sha256:abc",
                    "clip-vit-b32",
                    extra);
        }
    }

    private record Scored(String id, float score) {}

    private static List<Scored> exact(List<PhotoRecord> records, float[] query) {
        return records.stream()
                .map(r -> new Scored(r.id(), cosine(r.vector(), query)))
                .sorted(Comparator.comparingDouble(Scored::score).reversed())
                .toList();
    }

    private static List<String> ids(List<Scored> scored, int from, int to) {
        return scored.subList(from, Math.min(to, scored.size())).stream()
                .map(Scored::id)
                .toList();
    }

    /** The cosine of two vectors, computed in double. */
    protected static float cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return (float) (dot / Math.sqrt(na * nb));
    }

    private static Map<String, PhotoRecord> byId(List<PhotoRecord> records) {
        return records.stream().collect(Collectors.toMap(PhotoRecord::id, r -> r));
    }

    /** Every field equal, instants truncated to milliseconds, vectors within float tolerance. */
    private static void assertSameRecord(PhotoRecord actual, PhotoRecord expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.vector()).containsExactly(expected.vector(), within(1e-5f));
        assertThat(actual.url()).isEqualTo(expected.url());
        assertThat(actual.thumbnailUrl()).isEqualTo(expected.thumbnailUrl());
        assertThat(actual.title()).isEqualTo(expected.title());
        assertThat(actual.description()).isEqualTo(expected.description());
        assertThat(actual.tags()).containsExactlyInAnyOrderElementsOf(expected.tags());
        assertThat(actual.width()).isEqualTo(expected.width());
        assertThat(actual.height()).isEqualTo(expected.height());
        assertThat(actual.source()).isEqualTo(expected.source());
        assertThat(actual.takenAt()).isEqualTo(millis(expected.takenAt()));
        assertThat(actual.indexedAt()).isEqualTo(millis(expected.indexedAt()));
        assertThat(actual.contentHash()).isEqualTo(expected.contentHash());
        assertThat(actual.modelId()).isEqualTo(expected.modelId());
        assertThat(actual.extra()).isEqualTo(expected.extra());
    }

    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
