package dev.loupe.vectorstore.texts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.lexical.QueryTerms;
import dev.loupe.vectorstore.lexical.TextAnalysis;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Fusion, paging, cut-off and highlights over a store whose two rankings the test sets. */
class TextSearchTest {

    private static final float[] QUERY = {1, 0};

    /** A store that answers every dense and lexical search with fixed rankings. */
    private static final class ScriptedStore implements TextStore {
        final List<TextHit> dense;
        final List<TextHit> lexical;
        int lastK;

        ScriptedStore(List<TextHit> dense, List<TextHit> lexical) {
            this.dense = dense;
            this.lexical = lexical;
        }

        @Override
        public List<TextHit> dense(String collection, float[] vector, Filter filter, int k, Set<String> excludeIds) {
            lastK = k;
            return dense.stream().limit(k).toList();
        }

        @Override
        public List<TextHit> lexical(String collection, String query, Filter filter, int k, Set<String> excludeIds) {
            lastK = k;
            return lexical.stream().limit(k).toList();
        }

        @Override
        public void createCollection(TextCollectionSpec spec) {}

        @Override
        public List<TextCollectionSpec> listCollections() {
            return List.of();
        }

        @Override
        public Optional<TextCollectionInfo> describe(String collection) {
            return Optional.empty();
        }

        @Override
        public void declareFields(String collection, Map<String, MetadataType> fields) {}

        @Override
        public void dropCollection(String collection) {}

        @Override
        public void upsert(String collection, List<TextEntry> entries) {}

        @Override
        public void delete(String collection, Collection<String> ids) {}

        @Override
        public List<TextEntry> get(String collection, Collection<String> ids) {
            return List.of();
        }

        @Override
        public long count(String collection, Filter filter) {
            return 0;
        }

        @Override
        public void forEach(String collection, Filter filter, int pageSize, Consumer<List<TextEntry>> page) {}

        @Override
        public void close() {}
    }

    private static TextHit hit(String id, String text, float score) {
        return new TextHit(new TextEntry(id, null, text, null, null, Map.of(), null), score);
    }

    private static TextSearch.Request request(TextSearch.Mode mode, String text, int limit, int offset, Float min) {
        return new TextSearch.Request("c", text, QUERY, mode, Filter.all(), limit, offset, min, Set.of());
    }

    private static List<String> ids(List<TextSearch.Hit> hits) {
        return hits.stream().map(h -> h.entry().id()).toList();
    }

    private static final List<TextHit> DENSE = List.of(
            hit("para", "a paraphrase", 0.90f), hit("both", "the exact words", 0.80f), hit("near", "close", 0.70f));
    private static final List<TextHit> LEXICAL = List.of(hit("both", "the exact words", 12f), hit("word", "words", 3f));

    @Test
    void convex_fusion_adds_min_max_normalised_scores_in_the_weights_given() {
        TextSearch search = new TextSearch(
                new ScriptedStore(DENSE, LEXICAL), new TextSearch.Settings(TextSearch.Fusion.CONVEX, 0.6, 60, 100));

        List<TextSearch.Hit> hits =
                search.search(request(TextSearch.Mode.HYBRID, "exact words", 10, 0, null), TextAnalysis.STANDARD);

        // dense normalised: para 1, both 0.5, near 0; lexical: both 1, word 0
        assertThat(ids(hits)).containsExactly("both", "para", "near", "word");
        assertThat(hits.get(0).score()).isCloseTo(0.6f * 0.5f + 0.4f, within(1e-6f));
        assertThat(hits.get(1).score()).isCloseTo(0.6f, within(1e-6f));
        assertThat(hits.get(0).dense()).isEqualTo(0.80f);
        assertThat(hits.get(0).lexical()).isEqualTo(12f);
        assertThat(hits.get(1).lexical()).isNull();
        assertThat(hits.get(3).dense()).isNull();
    }

    @Test
    void weighted_rrf_adds_reciprocal_ranks() {
        TextSearch search = new TextSearch(
                new ScriptedStore(DENSE, LEXICAL), new TextSearch.Settings(TextSearch.Fusion.RRF, 0.5, 60, 100));

        List<TextSearch.Hit> hits =
                search.search(request(TextSearch.Mode.HYBRID, "exact words", 10, 0, null), TextAnalysis.STANDARD);

        assertThat(ids(hits)).containsExactly("both", "para", "word", "near");
        assertThat(hits.getFirst().score()).isCloseTo((float) (0.5 / 62 + 0.5 / 61), within(1e-7f));
    }

    @Test
    void a_weight_of_one_ranks_as_dense_alone_and_zero_as_lexical_alone() {
        ScriptedStore store = new ScriptedStore(DENSE, LEXICAL);
        TextSearch search = new TextSearch(store, new TextSearch.Settings(TextSearch.Fusion.CONVEX, 1.0, 60, 100));

        assertThat(ids(search.search(request(TextSearch.Mode.HYBRID, "x", 3, 0, null), TextAnalysis.STANDARD)))
                .containsExactly("para", "both", "near");
        assertThat(ids(search.search(
                        request(TextSearch.Mode.HYBRID, "x", 1, 0, null),
                        TextAnalysis.STANDARD,
                        new TextSearch.Settings(TextSearch.Fusion.CONVEX, 0.0, 60, 100))))
                .containsExactly("both");
    }

    @Test
    void single_modes_keep_their_own_scores_and_page_and_cut_at_min_score() {
        ScriptedStore store = new ScriptedStore(DENSE, LEXICAL);
        TextSearch search = new TextSearch(store, new TextSearch.Settings(TextSearch.Fusion.CONVEX, 0.5, 60, 100));

        List<TextSearch.Hit> page2 =
                search.search(request(TextSearch.Mode.DENSE, null, 1, 1, null), TextAnalysis.STANDARD);
        List<TextSearch.Hit> cut =
                search.search(request(TextSearch.Mode.DENSE, null, 10, 0, 0.75f), TextAnalysis.STANDARD);
        List<TextSearch.Hit> lexical =
                search.search(request(TextSearch.Mode.LEXICAL, "words", 10, 0, null), TextAnalysis.STANDARD);

        assertThat(ids(page2)).containsExactly("both");
        assertThat(page2.getFirst().score()).isEqualTo(0.80f);
        assertThat(ids(cut)).containsExactly("para", "both");
        assertThat(lexical.getFirst().score()).isEqualTo(12f);
        assertThat(lexical.getFirst().dense()).isNull();
    }

    @Test
    void each_side_is_asked_for_enough_candidates_to_fill_the_page() {
        ScriptedStore store = new ScriptedStore(DENSE, LEXICAL);
        TextSearch search = new TextSearch(store, new TextSearch.Settings(TextSearch.Fusion.CONVEX, 0.5, 60, 50));

        search.search(request(TextSearch.Mode.HYBRID, "x", 100, 200, null), TextAnalysis.STANDARD);
        assertThat(store.lastK).isEqualTo(300);
        search.search(request(TextSearch.Mode.HYBRID, "x", 10, 0, null), TextAnalysis.STANDARD);
        assertThat(store.lastK).isEqualTo(50);
    }

    @Test
    void hits_mark_where_the_query_terms_occur() {
        TextSearch search = new TextSearch(
                new ScriptedStore(List.of(), List.of(hit("a", "Light, and more LIGHT: photosynthesis.", 2f))),
                new TextSearch.Settings(TextSearch.Fusion.CONVEX, 0.5, 60, 10));

        TextSearch.Hit hit = search.search(
                        request(TextSearch.Mode.LEXICAL, "light photosynthesis", 10, 0, null), TextAnalysis.STANDARD)
                .getFirst();

        assertThat(hit.highlights())
                .containsExactly(new QueryTerms.Span(0, 5), new QueryTerms.Span(16, 21), new QueryTerms.Span(23, 37));
    }

    @Test
    void chinese_bigram_highlights_merge_into_the_matched_run() {
        String text = "已知二次函数的图像经过原点";
        TextSearch search = new TextSearch(
                new ScriptedStore(List.of(), List.of(hit("a", text, 2f))),
                new TextSearch.Settings(TextSearch.Fusion.CONVEX, 0.5, 60, 10));

        TextSearch.Hit hit = search.search(
                        request(TextSearch.Mode.LEXICAL, "二次函数", 10, 0, null), TextAnalysis.CJK_BIGRAM)
                .getFirst();

        assertThat(hit.highlights()).containsExactly(new QueryTerms.Span(2, 6));
        assertThat(text.substring(2, 6)).isEqualTo("二次函数");
    }

    @Test
    void a_lexical_hit_holding_the_query_as_a_phrase_ranks_first_and_reports_its_own_bm25() {
        List<TextHit> lexical = List.of(
                hit("words", "the mat on which the cat sat", 6f), hit("phrase", "a cat sat on the mat today", 4f));
        TextSearch search = new TextSearch(
                new ScriptedStore(List.of(), lexical), new TextSearch.Settings(TextSearch.Fusion.CONVEX, 0.5, 60, 10));

        List<TextSearch.Hit> hits = search.search(
                request(TextSearch.Mode.LEXICAL, "cat sat on the mat", 10, 0, null), TextAnalysis.STANDARD);
        List<TextSearch.Hit> plain = search.search(
                request(TextSearch.Mode.LEXICAL, "cat sat on the mat", 10, 0, null),
                TextAnalysis.STANDARD,
                new TextSearch.Settings(
                        TextSearch.Fusion.CONVEX, 0.5, 60, 10, TextSearch.Normalisation.MIN_MAX, false));

        assertThat(ids(hits)).containsExactly("phrase", "words");
        assertThat(hits.getFirst().score()).isEqualTo(4f);
        assertThat(hits.getFirst().lexical()).isEqualTo(4f);
        assertThat(ids(plain)).containsExactly("words", "phrase");
    }

    @Test
    void z_score_and_max_normalisation_weigh_the_lists_otherwise() {
        // dense scores bunched together, lexical ones spread out
        List<TextHit> dense = List.of(hit("a", "x", 0.72f), hit("b", "x", 0.71f), hit("c", "x", 0.40f));
        List<TextHit> lexical = List.of(hit("b", "x", 10f), hit("c", "x", 9f), hit("a", "x", 1f));
        ScriptedStore store = new ScriptedStore(dense, lexical);
        TextSearch search = new TextSearch(store, new TextSearch.Settings(TextSearch.Fusion.CONVEX, 0.5, 60, 10));

        List<String> minMax =
                ids(search.search(request(TextSearch.Mode.HYBRID, "x", 3, 0, null), TextAnalysis.STANDARD));
        List<TextSearch.Hit> max = search.search(
                request(TextSearch.Mode.HYBRID, "x", 3, 0, null),
                TextAnalysis.STANDARD,
                new TextSearch.Settings(TextSearch.Fusion.CONVEX, 0.5, 60, 10, TextSearch.Normalisation.MAX, false));
        List<String> zScore = ids(search.search(
                request(TextSearch.Mode.HYBRID, "x", 3, 0, null),
                TextAnalysis.STANDARD,
                new TextSearch.Settings(
                        TextSearch.Fusion.CONVEX, 0.5, 60, 10, TextSearch.Normalisation.Z_SCORE, false)));

        // min-max: b = 0.5·0.969 + 0.5·1 beats c = 0 + 0.5·0.889 and a = 0.5·1 + 0
        assertThat(minMax).containsExactly("b", "a", "c");
        // max: a = 0.5 + 0.05, b = 0.5·0.986 + 0.5, c = 0.5·0.556 + 0.45
        assertThat(ids(max)).containsExactly("b", "c", "a");
        assertThat(max.getFirst().score()).isCloseTo((float) (0.5 * 0.71 / 0.72 + 0.5), within(1e-5f));
        assertThat(zScore).first().isEqualTo("b");
    }

    @Test
    void requests_and_settings_out_of_bounds_are_refused() {
        assertThatThrownBy(
                        () -> new TextSearch.Request("c", "x", null, TextSearch.Mode.HYBRID, null, 10, 0, null, null))
                .hasMessageContaining("vector");
        assertThatThrownBy(
                        () -> new TextSearch.Request("c", " ", QUERY, TextSearch.Mode.LEXICAL, null, 10, 0, null, null))
                .hasMessageContaining("text");
        assertThatThrownBy(() -> request(TextSearch.Mode.DENSE, null, 0, 0, null))
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> new TextSearch.Settings(TextSearch.Fusion.CONVEX, 1.5, 60, 10))
                .hasMessageContaining("weight");
        assertThatThrownBy(() -> TextSearch.Mode.parse("fuzzy")).hasMessageContaining("[dense, lexical, hybrid]");
        assertThat(TextSearch.Fusion.parse(" RRF ")).isEqualTo(TextSearch.Fusion.RRF);
    }
}
