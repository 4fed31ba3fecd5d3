package dev.loupe.vectorstore.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.IndexSettings;
import dev.loupe.vectorstore.IndexType;
import dev.loupe.vectorstore.Metric;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchHit;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.VectorStore;
import dev.loupe.vectorstore.VectorStoreContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract, plus what only the Lucene adapter has: HNSW settings, quantisation, its files. */
class LuceneVectorStoreTest extends VectorStoreContract {

    @TempDir
    Path root;

    @Override
    protected VectorStore openStore() {
        return new LuceneVectorStore(root);
    }

    @Test
    void a_quantised_collection_reports_exact_cosines_and_keeps_its_settings_across_a_restart() {
        IndexSettings settings = new IndexSettings(IndexType.HNSW, 8, 50, 40, 1, 1, true);
        CollectionSpec spec = new CollectionSpec("quantised", DIMENSIONS, Metric.COSINE, settings);
        store().createCollection(spec);
        List<PhotoRecord> records = seeded(spec.name(), 200, 21);
        store().upsert(spec.name(), records);
        Map<String, float[]> vectors = records.stream().collect(Collectors.toMap(PhotoRecord::id, PhotoRecord::vector));

        restart();

        assertThat(store().stats(spec.name()).orElseThrow().spec()).isEqualTo(spec);
        for (PhotoRecord r : records.subList(0, 20)) {
            List<SearchHit> hits = store().search(spec.name(), SearchQuery.of(r.vector(), 5));

            // 7-bit copies alone score a record against itself around 0.97; the raw-float rescoring
            // makes every score the exact cosine, so the record itself comes first at 1
            assertThat(hits.get(0).record().id()).isEqualTo(r.id());
            assertThat(hits)
                    .allSatisfy(h -> assertThat(h.score())
                            .isCloseTo(cosine(vectors.get(h.record().id()), r.vector()), within(1e-5f)));
            assertThat(hits).extracting(SearchHit::score).isSortedAccordingTo(Comparator.reverseOrder());
            assertThat(store().search(
                                    spec.name(),
                                    new SearchQuery(r.vector(), Filter.all(), 5, 0, Set.of(), 0.9999f, false)))
                    .extracting(h -> h.record().id())
                    .containsExactly(r.id());
        }
        store().dropCollection(spec.name());
    }

    @Test
    void hnsw_settings_beyond_lucenes_limits_are_rejected_without_leaving_files() throws IOException {
        CollectionSpec tooWide = new CollectionSpec(
                "too_wide", DIMENSIONS, Metric.COSINE, new IndexSettings(IndexType.HNSW, 513, 100, 10, 1, 1, false));

        assertThatThrownBy(() -> store().createCollection(tooWide)).isInstanceOf(IllegalArgumentException.class);

        assertThat(store().stats("too_wide")).isEmpty();
        try (var files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("too_wide", "too_wide.json");
        }
    }

    @Test
    void an_index_left_by_an_unfinished_drop_is_ignored_and_wiped_on_create() throws IOException {
        CollectionSpec spec = CollectionSpec.of("leftover", DIMENSIONS);
        store().createCollection(spec);
        store().upsert(spec.name(), seeded(spec.name(), 5, 22));
        store().close();
        Files.delete(root.resolve("leftover.json")); // as if a drop stopped after removing the spec

        restart();
        assertThat(store().stats(spec.name())).isEmpty();
        store().createCollection(spec);

        assertThat(store().count(spec.name(), Filter.all())).isZero();
        store().dropCollection(spec.name());
    }

    @Test
    void dot_product_collections_report_inner_products() {
        CollectionSpec spec = new CollectionSpec("inner", DIMENSIONS, Metric.DOT_PRODUCT, IndexSettings.DEFAULT);
        store().createCollection(spec);
        float[] a = new float[DIMENSIONS];
        a[0] = 2;
        float[] b = new float[DIMENSIONS];
        b[0] = -3;
        store().upsert(spec.name(), List.of(PhotoRecord.of("a", a), PhotoRecord.of("b", b)));
        float[] query = new float[DIMENSIONS];
        query[0] = 1.5f;

        List<SearchHit> hits = store().search(spec.name(), SearchQuery.of(query, 2));

        assertThat(hits).extracting(SearchHit::score).containsExactly(3f, -4.5f);
        store().dropCollection(spec.name());
    }

    @Test
    void a_zero_vector_cannot_be_compared_by_cosine() {
        CollectionSpec spec = newCollection();

        assertThatThrownBy(() -> store().upsert(spec.name(), List.of(PhotoRecord.of("z", new float[DIMENSIONS]))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-zero");
        assertThatThrownBy(() -> store().search(spec.name(), SearchQuery.of(new float[DIMENSIONS], 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
