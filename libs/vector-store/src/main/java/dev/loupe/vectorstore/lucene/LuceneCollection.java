package dev.loupe.vectorstore.lucene;

import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.Metric;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchHit;
import dev.loupe.vectorstore.SearchQuery;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RescoreTopNQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/** One photo collection: its index and the spec it was created with. */
final class LuceneCollection extends LuceneIndex implements LuceneCollections.Open<CollectionSpec> {

    private final CollectionSpec spec;
    private final VectorSimilarityFunction similarity;

    LuceneCollection(CollectionSpec spec, Path indexDirectory) throws IOException {
        super(indexDirectory, spec.index(), null);
        this.spec = spec;
        this.similarity = spec.metric() == Metric.COSINE
                ? VectorSimilarityFunction.DOT_PRODUCT
                : VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
    }

    @Override
    public CollectionSpec spec() {
        return spec;
    }

    void upsert(List<PhotoRecord> records) throws IOException {
        for (PhotoRecord r : records) {
            checkLength(r.vector(), spec.dimensions(), "record '" + r.id() + "'", spec.name());
        }
        for (PhotoRecord r : records) {
            writer.updateDocument(
                    new Term(RecordDocuments.ID, r.id()),
                    RecordDocuments.toDocument(r, indexed(r.vector()), similarity));
        }
        commit(null);
    }

    void delete(Collection<String> ids) throws IOException {
        deleteIds(ids);
    }

    List<PhotoRecord> get(Collection<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return List.of();
        }
        return withSearcher(searcher -> {
            TopDocs top =
                    searcher.search(idsQuery(ids), Math.max(1, Set.copyOf(ids).size()));
            StoredFields stored = searcher.storedFields();
            List<PhotoRecord> records = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc d : top.scoreDocs) {
                records.add(RecordDocuments.toRecord(stored.document(d.doc), true));
            }
            return records;
        });
    }

    List<SearchHit> search(SearchQuery query) throws IOException {
        checkLength(query.vector(), spec.dimensions(), "query vector", spec.name());
        Query filter = LuceneFilterTranslator.translate(query.filter());
        if (!query.excludeIds().isEmpty()) {
            filter = LuceneFilterTranslator.without(filter, idsQuery(query.excludeIds()));
        }
        boolean unfiltered = filter instanceof MatchAllDocsQuery;
        int wanted = query.limit() + query.offset();
        int k = Math.max(wanted, spec.index().efSearch());
        float[] target = indexed(query.vector());
        Query knn = new KnnFloatVectorQuery(RecordDocuments.VECTOR, target, k, unfiltered ? null : filter);
        if (spec.index().quantized()) {
            // the graph scored quantised copies; rank the k candidates again on the raw floats so
            // that scores are exact cosines and minScore cuts where the caller expects
            knn = RescoreTopNQuery.createFullPrecisionRescorerQuery(knn, target, RecordDocuments.VECTOR, k);
        }
        Query search = knn;
        return withSearcher(searcher -> {
            ScoreDoc[] top = searcher.search(search, k).scoreDocs;
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
        });
    }

    long count(Filter filter) throws IOException {
        return count(LuceneFilterTranslator.translate(filter));
    }

    /** Walks one point-in-time snapshot, so concurrent writes cannot make it see a record twice. */
    void forEach(Filter filter, int pageSize, Consumer<List<PhotoRecord>> consumer) throws IOException {
        forEachPage(
                LuceneFilterTranslator.translate(filter),
                pageSize,
                doc -> RecordDocuments.toRecord(doc, true),
                consumer);
    }

    /** The vector as indexed: unit length for COSINE (Lucene's DOT_PRODUCT needs it), as given otherwise. */
    private float[] indexed(float[] vector) {
        return similarity == VectorSimilarityFunction.DOT_PRODUCT ? ScoreMapping.normalised(vector) : vector.clone();
    }
}
