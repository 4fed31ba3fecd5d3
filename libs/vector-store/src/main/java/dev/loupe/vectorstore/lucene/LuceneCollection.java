package dev.loupe.vectorstore.lucene;

import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.IndexSettings;
import dev.loupe.vectorstore.Metric;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchHit;
import dev.loupe.vectorstore.SearchQuery;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RescoreTopNQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/** One collection: its index writer, a near-real-time searcher and the spec it was created with. */
final class LuceneCollection implements Closeable {

    private final CollectionSpec spec;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final VectorSimilarityFunction similarity;

    LuceneCollection(CollectionSpec spec, Path indexDirectory) throws IOException {
        this.spec = spec;
        this.similarity = spec.metric() == Metric.COSINE
                ? VectorSimilarityFunction.DOT_PRODUCT
                : VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
        this.directory = FSDirectory.open(indexDirectory);
        KnnVectorsFormat format = vectorsFormat(spec.index());
        IndexWriterConfig config = new IndexWriterConfig()
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCodec(new Lucene103Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return format;
                    }
                });
        IndexWriter opened = new IndexWriter(directory, config);
        try {
            this.searchers = new SearcherManager(opened, new SearcherFactory());
        } catch (IOException | RuntimeException e) {
            opened.close();
            directory.close();
            throw e;
        }
        this.writer = opened;
    }

    /**
     * The HNSW format for these settings.
     *
     * @throws IllegalArgumentException when m or efConstruction exceed Lucene's limits (512, 3200)
     */
    static KnnVectorsFormat vectorsFormat(IndexSettings settings) {
        return settings.quantized()
                ? new Lucene99HnswScalarQuantizedVectorsFormat(settings.m(), settings.efConstruction())
                : new Lucene99HnswVectorsFormat(settings.m(), settings.efConstruction());
    }

    CollectionSpec spec() {
        return spec;
    }

    void upsert(List<PhotoRecord> records) throws IOException {
        for (PhotoRecord r : records) {
            checkLength(r.vector(), "record '" + r.id() + "'");
        }
        for (PhotoRecord r : records) {
            writer.updateDocument(
                    new Term(RecordDocuments.ID, r.id()),
                    RecordDocuments.toDocument(r, indexed(r.vector()), similarity));
        }
        commit();
    }

    void delete(Collection<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return;
        }
        writer.deleteDocuments(idsQuery(ids));
        commit();
    }

    /**
     * Merges the index into one segment, so a search walks one HNSW graph instead of one per segment.
     * Rebuilds most of the graph: minutes for a million vectors. For benchmarks and after bulk imports.
     */
    void forceMerge() throws IOException {
        writer.forceMerge(1);
        commit();
    }

    private void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    List<PhotoRecord> get(Collection<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return List.of();
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top =
                    searcher.search(idsQuery(ids), Math.max(1, Set.copyOf(ids).size()));
            return load(searcher, top.scoreDocs, true);
        } finally {
            searchers.release(searcher);
        }
    }

    List<SearchHit> search(SearchQuery query) throws IOException {
        checkLength(query.vector(), "query vector");
        Query filter = LuceneFilterTranslator.translate(query.filter());
        if (!query.excludeIds().isEmpty()) {
            filter = LuceneFilterTranslator.without(filter, idsQuery(query.excludeIds()));
        }
        boolean unfiltered = filter instanceof MatchAllDocsQuery;
        int wanted = query.limit() + query.offset();
        int k = Math.max(wanted, spec.index().efSearch());
        IndexSearcher searcher = searchers.acquire();
        try {
            float[] target = indexed(query.vector());
            Query knn = new KnnFloatVectorQuery(RecordDocuments.VECTOR, target, k, unfiltered ? null : filter);
            if (spec.index().quantized()) {
                // the graph scored quantised copies; rank the k candidates again on the raw floats so
                // that scores are exact cosines and minScore cuts where the caller expects
                knn = RescoreTopNQuery.createFullPrecisionRescorerQuery(knn, target, RecordDocuments.VECTOR, k);
            }
            ScoreDoc[] top = searcher.search(knn, k).scoreDocs;
            List<SearchHit> hits = new ArrayList<>();
            StoredFields stored = searcher.storedFields();
            for (int i = query.offset(); i < Math.min(wanted, top.length); i++) {
                float score = ScoreMapping.toSimilarity(similarity, top[i].score);
                if (query.minScore() != null && score < query.minScore()) {
                    break; // hits come best first
                }
                hits.add(new SearchHit(
                        RecordDocuments.toRecord(stored.document(top[i].doc), query.includeVectors()), score));
            }
            return hits;
        } finally {
            searchers.release(searcher);
        }
    }

    long count(Filter filter) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.count(LuceneFilterTranslator.translate(filter));
        } finally {
            searchers.release(searcher);
        }
    }

    /** Walks one point-in-time snapshot, so concurrent writes cannot make it see a record twice. */
    void forEach(Filter filter, int pageSize, Consumer<List<PhotoRecord>> consumer) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Query query = searcher.rewrite(LuceneFilterTranslator.translate(filter));
            Weight weight = searcher.createWeight(query, ScoreMode.COMPLETE_NO_SCORES, 1f);
            List<PhotoRecord> page = new ArrayList<>(pageSize);
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Scorer scorer = weight.scorer(leaf);
                if (scorer == null) {
                    continue;
                }
                Bits live = leaf.reader().getLiveDocs();
                StoredFields stored = leaf.reader().storedFields();
                DocIdSetIterator docs = scorer.iterator();
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    page.add(RecordDocuments.toRecord(stored.document(doc), true));
                    if (page.size() == pageSize) {
                        consumer.accept(List.copyOf(page));
                        page.clear();
                    }
                }
            }
            if (!page.isEmpty()) {
                consumer.accept(List.copyOf(page));
            }
        } finally {
            searchers.release(searcher);
        }
    }

    private static List<PhotoRecord> load(IndexSearcher searcher, ScoreDoc[] docs, boolean withVectors)
            throws IOException {
        StoredFields stored = searcher.storedFields();
        List<PhotoRecord> records = new ArrayList<>(docs.length);
        for (ScoreDoc d : docs) {
            records.add(RecordDocuments.toRecord(stored.document(d.doc), withVectors));
        }
        return records;
    }

    private static Query idsQuery(Collection<String> ids) {
        if (ids.size() == 1) {
            return new TermQuery(new Term(RecordDocuments.ID, ids.iterator().next()));
        }
        return new TermInSetQuery(
                RecordDocuments.ID, ids.stream().map(BytesRef::new).toList());
    }

    private void checkLength(float[] vector, String what) {
        if (vector == null || vector.length != spec.dimensions()) {
            throw new IllegalArgumentException(
                    what + " has " + (vector == null ? "no vector" : vector.length + " dimensions") + "; collection '"
                            + spec.name() + "' has " + spec.dimensions());
        }
    }

    /** The vector as indexed: unit length for COSINE (Lucene's DOT_PRODUCT needs it), as given otherwise. */
    private float[] indexed(float[] vector) {
        return similarity == VectorSimilarityFunction.DOT_PRODUCT ? ScoreMapping.normalised(vector) : vector.clone();
    }

    @Override
    public void close() throws IOException {
        try (directory;
                writer;
                searchers) {
            writer.commit();
        }
    }

    /** Closes without committing pending changes and releases the files, before the directory is deleted. */
    void discard() throws IOException {
        try (directory) {
            searchers.close();
            writer.rollback();
        }
    }
}
