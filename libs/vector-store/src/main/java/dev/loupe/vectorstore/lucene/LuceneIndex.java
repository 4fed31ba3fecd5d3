package dev.loupe.vectorstore.lucene;

import dev.loupe.vectorstore.IndexSettings;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * One Lucene index of a collection, photo or text: its directory, a writer whose HNSW format follows
 * the collection's {@link IndexSettings}, and a near-real-time searcher refreshed on every commit.
 */
abstract class LuceneIndex implements Closeable {

    private final Directory directory;
    protected final IndexWriter writer;
    protected final SearcherManager searchers;

    /** Work with one point-in-time searcher. */
    interface Search<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    LuceneIndex(Path indexDirectory, IndexSettings settings, Analyzer analyzer) throws IOException {
        this.directory = FSDirectory.open(indexDirectory);
        KnnVectorsFormat format = vectorsFormat(settings);
        IndexWriterConfig config = (analyzer == null ? new IndexWriterConfig() : new IndexWriterConfig(analyzer))
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCodec(new Lucene103Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return format;
                    }
                });
        IndexWriter opened;
        try {
            opened = new IndexWriter(directory, config);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
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

    /** Commits (with {@code commitData} when not null) and makes the change visible to searches. */
    protected void commit(Map<String, String> commitData) throws IOException {
        if (commitData != null) {
            writer.setLiveCommitData(commitData.entrySet());
        }
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    protected void deleteIds(Collection<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return;
        }
        writer.deleteDocuments(idsQuery(ids));
        commit(null);
    }

    /**
     * Merges the index into one segment, so a search walks one HNSW graph instead of one per segment.
     * Rebuilds most of the graph: minutes for a million vectors. For benchmarks and after bulk imports.
     */
    void forceMerge() throws IOException {
        writer.forceMerge(1);
        commit(null);
    }

    protected <T> T withSearcher(Search<T> search) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return search.apply(searcher);
        } finally {
            searchers.release(searcher);
        }
    }

    long count(Query query) throws IOException {
        return withSearcher(searcher -> searcher.count(query));
    }

    /** Every live document matching the query, in one point-in-time snapshot (so none is seen twice). */
    protected void forEachDocument(Query query, Consumer<Document> consumer) throws IOException {
        withSearcher(searcher -> {
            Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Scorer scorer = weight.scorer(leaf);
                if (scorer == null) {
                    continue;
                }
                Bits live = leaf.reader().getLiveDocs();
                StoredFields stored = leaf.reader().storedFields();
                DocIdSetIterator docs = scorer.iterator();
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        consumer.accept(stored.document(doc));
                    }
                }
            }
            return null;
        });
    }

    /** Pages of at most {@code pageSize} built from the documents matching the query. */
    protected <R> void forEachPage(
            Query query,
            int pageSize,
            java.util.function.Function<Document, R> convert,
            Consumer<java.util.List<R>> pages)
            throws IOException {
        java.util.List<R> page = new java.util.ArrayList<>(pageSize);
        forEachDocument(query, doc -> {
            page.add(convert.apply(doc));
            if (page.size() == pageSize) {
                pages.accept(java.util.List.copyOf(page));
                page.clear();
            }
        });
        if (!page.isEmpty()) {
            pages.accept(java.util.List.copyOf(page));
        }
    }

    static Query idsQuery(Collection<String> ids) {
        if (ids.size() == 1) {
            return new TermQuery(new Term(RecordDocuments.ID, ids.iterator().next()));
        }
        return new TermInSetQuery(
                RecordDocuments.ID, ids.stream().map(BytesRef::new).toList());
    }

    static void checkLength(float[] vector, int dimensions, String what, String collection) {
        if (vector == null || vector.length != dimensions) {
            throw new IllegalArgumentException(
                    what + " has " + (vector == null ? "no vector" : vector.length + " dimensions") + "; collection '"
                            + collection + "' has " + dimensions);
        }
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
    public void discard() throws IOException {
        try (directory) {
            searchers.close();
            writer.rollback();
        }
    }
}
