package dev.loupe.vectorstore.texts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.vectorstore.CollectionConflictException;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.FilterJson;
import dev.loupe.vectorstore.IndexSettings;
import dev.loupe.vectorstore.InvalidFilterException;
import dev.loupe.vectorstore.UnknownCollectionException;
import dev.loupe.vectorstore.lexical.TextAnalysis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TextStore} adapter must show, dense and lexical. An adapter's test
 * extends this class and implements {@link #openStore()}; collection names carry a random suffix, so a
 * shared server may hold others.
 */
public abstract class TextStoreContract {

    protected static final int DIMENSIONS = 16;
    private static final Set<String> NONE = Set.of();

    private final List<String> created = new ArrayList<>();
    private TextStore store;

    protected abstract TextStore openStore();

    protected final TextStore store() {
        return store;
    }

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
    void a_collection_records_its_model_and_analysis_and_creating_it_again_is_a_no_op() {
        TextCollectionSpec spec = newCollection("bge-small-zh-v1.5", TextAnalysis.CJK_BIGRAM);
        store.upsert(spec.name(), List.of(entry("a", "二次函数的图像", Map.of())));

        store.createCollection(spec);

        TextCollectionInfo info = store.describe(spec.name()).orElseThrow();
        assertThat(info.spec()).isEqualTo(spec);
        assertThat(store.count(spec.name(), Filter.all())).isEqualTo(1);
        assertThat(store.listCollections()).contains(spec);
    }

    @Test
    void a_collection_of_the_same_name_with_another_model_dimension_or_analysis_conflicts() {
        TextCollectionSpec spec = newCollection("all-minilm-l6-v2", TextAnalysis.STANDARD);

        assertThatThrownBy(() -> store.createCollection(new TextCollectionSpec(
                        spec.name(), DIMENSIONS, "bge-small-en-v1.5", TextAnalysis.STANDARD, IndexSettings.DEFAULT)))
                .isInstanceOf(CollectionConflictException.class)
                .hasMessageContaining("all-minilm-l6-v2");
        assertThatThrownBy(() -> store.createCollection(new TextCollectionSpec(
                        spec.name(), DIMENSIONS * 2, spec.modelId(), TextAnalysis.STANDARD, IndexSettings.DEFAULT)))
                .isInstanceOf(CollectionConflictException.class);
        assertThatThrownBy(() -> store.createCollection(new TextCollectionSpec(
                        spec.name(), DIMENSIONS, spec.modelId(), TextAnalysis.CJK_BIGRAM, IndexSettings.DEFAULT)))
                .isInstanceOf(CollectionConflictException.class);
    }

    @Test
    void an_unknown_collection_is_reported_as_such() {
        String missing = "missing_" + suffix();
        assertThat(store.describe(missing)).isEmpty();
        assertThatThrownBy(() -> store.upsert(missing, List.of(entry("a", "x", Map.of()))))
                .isInstanceOf(UnknownCollectionException.class);
        assertThatThrownBy(() -> store.lexical(missing, "x", Filter.all(), 10, NONE))
                .isInstanceOf(UnknownCollectionException.class);
        store.dropCollection(missing); // nothing to drop, no error
    }

    @Test
    void dropping_a_collection_removes_it_and_its_records() {
        TextCollectionSpec spec = newCollection("all-minilm-l6-v2", TextAnalysis.STANDARD);
        store.upsert(spec.name(), List.of(entry("a", "apples", Map.of())));

        store.dropCollection(spec.name());

        assertThat(store.describe(spec.name())).isEmpty();
        store.createCollection(spec);
        assertThat(store.count(spec.name(), Filter.all())).isZero();
    }

    // ---------------------------------------------------------------- records

    @Test
    void entries_round_trip_with_their_answer_title_and_typed_metadata() {
        TextCollectionSpec spec = newCollection("all-minilm-l6-v2", TextAnalysis.STANDARD);
        Map<String, MetadataValue> metadata = new LinkedHashMap<>();
        metadata.put("subject", new MetadataValue.Text("math"));
        metadata.put("grade", new MetadataValue.Integer(7));
        metadata.put("difficulty", new MetadataValue.Number(0.25));
        metadata.put("tags", new MetadataValue.Tags(List.of("algebra", "quadratic")));
        TextEntry full = new TextEntry(
                "q1",
                vector(1),
                "Solve x^2 - 5x + 6 = 0",
                "x = 2 or x = 3",
                "Quadratics",
                metadata,
                Instant.parse("2026-12-01T10:00:00.123Z"));
        TextEntry bare = new TextEntry("q2", vector(2), "What is 2 + 2?", null, null, Map.of(), null);

        store.upsert(spec.name(), List.of(full, bare));

        Map<String, TextEntry> got = byId(store.get(spec.name(), List.of("q1", "q2", "nope")));
        assertThat(got).containsOnlyKeys("q1", "q2");
        TextEntry q1 = got.get("q1");
        assertThat(q1.text()).isEqualTo(full.text());
        assertThat(q1.answer()).isEqualTo("x = 2 or x = 3");
        assertThat(q1.title()).isEqualTo("Quadratics");
        assertThat(q1.metadata()).isEqualTo(metadata);
        assertThat(q1.indexedAt()).isEqualTo(full.indexedAt());
        assertThat(cosine(q1.vector(), full.vector())).isGreaterThan(0.9999);
        TextEntry q2 = got.get("q2");
        assertThat(q2.answer()).isNull();
        assertThat(q2.title()).isNull();
        assertThat(q2.metadata()).isEmpty();
    }

    @Test
    void upserting_an_id_again_replaces_the_entry_in_both_searches() {
        TextCollectionSpec spec = newCollection("all-minilm-l6-v2", TextAnalysis.STANDARD);
        store.upsert(spec.name(), List.of(entry("a", "the old wording about volcanoes", Map.of())));

        store.upsert(spec.name(), List.of(entry("a", "new text about glaciers", Map.of())));

        assertThat(store.count(spec.name(), Filter.all())).isEqualTo(1);
        assertThat(ids(store.lexical(spec.name(), "volcanoes", Filter.all(), 10, NONE)))
                .isEmpty();
        assertThat(ids(store.lexical(spec.name(), "glaciers", Filter.all(), 10, NONE)))
                .containsExactly("a");
    }

    @Test
    void deleted_entries_leave_both_searches() {
        TextCollectionSpec spec = newCollection("all-minilm-l6-v2", TextAnalysis.STANDARD);
        store.upsert(spec.name(), List.of(entry("a", "red apples", Map.of()), entry("b", "green apples", Map.of())));

        store.delete(spec.name(), List.of("a", "unknown"));

        assertThat(ids(store.lexical(spec.name(), "apples", Filter.all(), 10, NONE)))
                .containsExactly("b");
        assertThat(ids(store.dense(spec.name(), vector("a"), Filter.all(), 10, NONE)))
                .containsExactly("b");
    }

    @Test
    void metadata_field_types_are_recorded_widened_from_integer_to_number_and_kept_across_a_restart() {
        TextCollectionSpec spec = newCollection("all-minilm-l6-v2", TextAnalysis.STANDARD);
        store.upsert(
                spec.name(),
                List.of(entry(
                        "a",
                        "one",
                        Map.of(
                                "subject", new MetadataValue.Text("math"),
                                "grade", new MetadataValue.Integer(7),
                                "tags", new MetadataValue.Tags(List.of("x"))))));
        store.upsert(spec.name(), List.of(entry("b", "two", Map.of("grade", new MetadataValue.Number(7.5)))));

        restart();

        assertThat(store.describe(spec.name()).orElseThrow().fields())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "subject", MetadataType.STRING,
                        "grade", MetadataType.NUMBER,
                        "tags", MetadataType.TAGS));
        assertThat(store.count(spec.name(), Filter.all())).isEqualTo(2);
    }

    @Test
    void declared_field_types_hold_before_any_record_and_a_clash_is_refused() {
        TextCollectionSpec spec = newCollection("all-minilm-l6-v2", TextAnalysis.STANDARD);

        store.declareFields(spec.name(), Map.of("grade", MetadataType.INTEGER, "tags", MetadataType.TAGS));
        store.declareFields(spec.name(), Map.of("grade", MetadataType.INTEGER)); // again: no change

        assertThat(store.describe(spec.name()).orElseThrow().fields())
                .containsExactlyInAnyOrderEntriesOf(Map.of("grade", MetadataType.INTEGER, "tags", MetadataType.TAGS));
        assertThatThrownBy(() -> store.declareFields(spec.name(), Map.of("grade", MetadataType.STRING)))
                .isInstanceOf(CollectionConflictException.class)
                .hasMessageContaining("'grade' holds integer");
        assertThat(store.count(spec.name(), filter(spec, "{\"field\": \"grade\", \"op\": \"gte\", \"value\": 1}")))
                .isZero();
    }

    @Test
    void for_each_visits_every_matching_entry_once_in_pages() {
        TextCollectionSpec spec = newCollection("all-minilm-l6-v2", TextAnalysis.STANDARD);
        List<TextEntry> entries = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            entries.add(entry("t" + i, "text " + i, Map.of("grade", new MetadataValue.Integer(i % 5))));
        }
        store.upsert(spec.name(), entries);
        Filter grade = filter(spec, "{\"field\": \"grade\", \"op\": \"lt\", \"value\": 2}");

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        store.forEach(spec.name(), grade, 4, page -> {
            sizes.add(page.size());
            page.forEach(e -> {
                assertThat(e.vector()).hasSize(DIMENSIONS);
                seen.add(e.id());
            });
        });

        assertThat(seen).hasSize(10).doesNotHaveDuplicates();
        assertThat(sizes).allMatch(s -> s <= 4);
    }

    // ---------------------------------------------------------------- dense

    @Test
    void dense_search_ranks_by_cosine_within_the_filter_and_without_excluded_ids() {
        TextCollectionSpec spec = newCollection("all-minilm-l6-v2", TextAnalysis.STANDARD);
        store.upsert(
                spec.name(),
                List.of(
                        entry("near", "a", Map.of("subject", new MetadataValue.Text("math"))),
                        entry("far", "b", Map.of("subject", new MetadataValue.Text("math"))),
                        entry("other", "c", Map.of("subject", new MetadataValue.Text("physics")))));
        float[] query = vector("near").clone();
        query[0] += 0.01f;

        List<TextHit> all = store.dense(spec.name(), query, Filter.all(), 3, NONE);
        List<TextHit> math = store.dense(
                spec.name(),
                query,
                filter(spec, "{\"field\": \"subject\", \"op\": \"eq\", \"value\": \"math\"}"),
                10,
                Set.of("near"));

        assertThat(all.getFirst().entry().id()).isEqualTo("near");
        assertThat(all.getFirst().score()).isBetween(0.99f, 1.0001f);
        assertThat(all).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
        assertThat(all.getFirst().entry().vector()).isNull();
        assertThat(ids(math)).containsExactly("far");
    }

    // ---------------------------------------------------------------- lexical

    @Test
    void lexical_search_ranks_by_bm25_and_returns_only_entries_sharing_a_term() {
        TextCollectionSpec spec = newCollection("all-minilm-l6-v2", TextAnalysis.STANDARD);
        store.upsert(
                spec.name(),
                List.of(
                        entry("both", "photosynthesis converts light into chemical energy", Map.of()),
                        entry("one", "light travels fast", Map.of()),
                        entry("none", "volcanoes erupt", Map.of())));

        List<TextHit> hits = store.lexical(spec.name(), "Photosynthesis LIGHT", Filter.all(), 10, NONE);

        assertThat(ids(hits)).containsExactly("both", "one");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score()).isPositive();
        assertThat(hits.getFirst().entry().text()).startsWith("photosynthesis");
    }

    @Test
    void lexical_search_applies_filters_and_exclusions() {
        TextCollectionSpec spec = newCollection("all-minilm-l6-v2", TextAnalysis.STANDARD);
        store.upsert(
                spec.name(),
                List.of(
                        entry(
                                "g7",
                                "fractions and decimals",
                                Map.of(
                                        "grade", new MetadataValue.Integer(7),
                                        "tags", new MetadataValue.Tags(List.of("arithmetic")))),
                        entry(
                                "g9",
                                "fractions in equations",
                                Map.of(
                                        "grade", new MetadataValue.Integer(9),
                                        "tags", new MetadataValue.Tags(List.of("algebra")))),
                        entry("nograde", "fractions", Map.of())));

        assertThat(ids(store.lexical(
                        spec.name(),
                        "fractions",
                        filter(spec, "{\"field\": \"grade\", \"op\": \"gte\", \"value\": 8.5}"),
                        10,
                        NONE)))
                .containsExactly("g9");
        assertThat(ids(store.lexical(
                        spec.name(),
                        "fractions",
                        filter(spec, "{\"field\": \"tags\", \"op\": \"contains\", \"value\": \"arithmetic\"}"),
                        10,
                        NONE)))
                .containsExactly("g7");
        assertThat(ids(store.lexical(
                        spec.name(),
                        "fractions",
                        filter(spec, "{\"not\": {\"field\": \"grade\", \"op\": \"eq\", \"value\": 7}}"),
                        10,
                        Set.of("g9"))))
                .containsExactly("nograde");
    }

    @Test
    void query_syntax_in_a_lexical_query_is_plain_text() {
        TextCollectionSpec spec = newCollection("all-minilm-l6-v2", TextAnalysis.STANDARD);
        store.upsert(spec.name(), List.of(entry("a", "cats and dogs", Map.of()), entry("b", "birds", Map.of())));

        assertThat(ids(store.lexical(
                        spec.name(), "cats AND NOT (dogs OR *) text:\"x\" ~2 ^3 \\", Filter.all(), 10, NONE)))
                .containsExactly("a");
        assertThat(store.lexical(spec.name(), "*** ((( ", Filter.all(), 10, NONE))
                .isEmpty();
    }

    @Test
    void a_chinese_collection_finds_a_question_by_a_word_of_it() {
        TextCollectionSpec spec = newCollection("bge-small-zh-v1.5", TextAnalysis.CJK_BIGRAM);
        store.upsert(
                spec.name(),
                List.of(entry("f", "已知二次函数的图像经过原点，求函数的解析式", Map.of()), entry("g", "一个三角形的三个内角之和是多少度", Map.of())));

        assertThat(ids(store.lexical(spec.name(), "三角形", Filter.all(), 10, NONE)))
                .containsExactly("g");
        assertThat(ids(store.lexical(spec.name(), "解析式", Filter.all(), 10, NONE)))
                .containsExactly("f");
    }

    @Test
    void metadata_filters_name_their_fields_directly_and_unknown_fields_are_refused() {
        TextCollectionSpec spec = newCollection("all-minilm-l6-v2", TextAnalysis.STANDARD);
        store.upsert(spec.name(), List.of(entry("a", "x", Map.of("subject", new MetadataValue.Text("math")))));
        TextFilterFields fields = store.describe(spec.name()).orElseThrow().filterFields();

        assertThatThrownBy(() -> FilterJson.parse("{\"field\": \"grade\", \"op\": \"eq\", \"value\": 1}", fields))
                .isInstanceOf(InvalidFilterException.class)
                .hasMessageContaining("unknown filter field 'grade'")
                .hasMessageContaining("subject");
        assertThatThrownBy(() -> FilterJson.parse("{\"field\": \"subject\", \"op\": \"gt\", \"value\": \"m\"}", fields))
                .isInstanceOf(InvalidFilterException.class);
        assertThat(store.count(
                        spec.name(),
                        filter(spec, "{\"field\": \"subject\", \"op\": \"in\", \"value\": [\"math\", \"x\"]}")))
                .isEqualTo(1);
        assertThat(store.count(spec.name(), filter(spec, "{\"field\": \"id\", \"op\": \"eq\", \"value\": \"a\"}")))
                .isEqualTo(1);
    }

    @Test
    void candidate_counts_outside_the_bounds_are_refused() {
        TextCollectionSpec spec = newCollection("all-minilm-l6-v2", TextAnalysis.STANDARD);
        assertThatThrownBy(() -> store.lexical(spec.name(), "x", Filter.all(), 0, NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.dense(spec.name(), vector(1), Filter.all(), TextStore.MAX_CANDIDATES + 1, NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.dense(spec.name(), new float[3], Filter.all(), 10, NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimensions");
    }

    // ---------------------------------------------------------------- helpers

    protected final TextCollectionSpec newCollection(String model, TextAnalysis analysis) {
        TextCollectionSpec spec =
                new TextCollectionSpec("texts_" + suffix(), DIMENSIONS, model, analysis, IndexSettings.DEFAULT);
        store.createCollection(spec);
        created.add(spec.name());
        return spec;
    }

    private Filter filter(TextCollectionSpec spec, String json) {
        return FilterJson.parse(json, store.describe(spec.name()).orElseThrow().filterFields());
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** An entry whose vector is a function of its id, so dense tests can aim at it. */
    protected static TextEntry entry(String id, String text, Map<String, MetadataValue> metadata) {
        return new TextEntry(id, vector(id), text, null, null, metadata, Instant.parse("2026-12-01T00:00:00Z"));
    }

    protected static float[] vector(String id) {
        return vector(id.hashCode());
    }

    protected static float[] vector(long seed) {
        Random random = new Random(seed);
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

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static Map<String, TextEntry> byId(List<TextEntry> entries) {
        Map<String, TextEntry> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.id(), e));
        return out;
    }

    private static List<String> ids(List<TextHit> hits) {
        return hits.stream().map(h -> h.entry().id()).toList();
    }
}
