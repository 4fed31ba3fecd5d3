package dev.loupe.vectorstore.lucene;

import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.lexical.QueryTerms;
import dev.loupe.vectorstore.texts.MetadataType;
import dev.loupe.vectorstore.texts.TextCollectionSpec;
import dev.loupe.vectorstore.texts.TextEntry;
import dev.loupe.vectorstore.texts.TextFilterFields;
import dev.loupe.vectorstore.texts.TextHit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * One text collection: the vectors and the analysed texts in one index, so a dense and a lexical
 * search see the same records; the metadata field types in its commit data.
 */
final class LuceneTextCollection extends LuceneIndex implements LuceneCollections.Open<TextCollectionSpec> {

    private final TextCollectionSpec spec;
    private final Analyzer analyzer;
    private volatile Map<String, MetadataType> fields;

    LuceneTextCollection(TextCollectionSpec spec, Path indexDirectory) throws IOException {
        this(spec, indexDirectory, spec.analysis().analyzer());
    }

    private LuceneTextCollection(TextCollectionSpec spec, Path indexDirectory, Analyzer analyzer) throws IOException {
        super(indexDirectory, spec.index(), analyzer);
        this.spec = spec;
        this.analyzer = analyzer;
        this.fields = Map.copyOf(TextDocuments.fields(writer.getLiveCommitData()));
    }

    @Override
    public TextCollectionSpec spec() {
        return spec;
    }

    Map<String, MetadataType> fields() {
        return fields;
    }

    synchronized void upsert(List<TextEntry> entries) throws IOException {
        for (TextEntry e : entries) {
            checkLength(e.vector(), spec.dimensions(), "text '" + e.id() + "'", spec.name());
        }
        for (TextEntry e : entries) {
            writer.updateDocument(
                    new Term(RecordDocuments.ID, e.id()),
                    TextDocuments.toDocument(e, ScoreMapping.normalised(e.vector())));
        }
        Map<String, MetadataType> merged = TextFilterFields.merged(fields, entries);
        commit(merged == null ? null : TextDocuments.commitData(merged));
        if (merged != null) {
            fields = Map.copyOf(merged);
        }
    }

    synchronized void declare(Map<String, MetadataType> declared) throws IOException {
        Map<String, MetadataType> merged = TextFilterFields.declared(fields, declared);
        if (merged != null) {
            commit(TextDocuments.commitData(merged));
            fields = Map.copyOf(merged);
        }
    }

    void delete(Collection<String> ids) throws IOException {
        deleteIds(ids);
    }

    List<TextEntry> get(Collection<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return List.of();
        }
        return withSearcher(searcher -> {
            TopDocs top =
                    searcher.search(idsQuery(ids), Math.max(1, Set.copyOf(ids).size()));
            return entries(searcher, top.scoreDocs, true).stream()
                    .map(TextHit::entry)
                    .toList();
        });
    }

    List<TextHit> dense(float[] vector, Filter filter, int k, Set<String> excludeIds) throws IOException {
        checkLength(vector, spec.dimensions(), "query vector", spec.name());
        Query restriction = restriction(filter, excludeIds);
        Query knn = new KnnFloatVectorQuery(
                RecordDocuments.VECTOR,
                ScoreMapping.normalised(vector),
                Math.max(k, spec.index().efSearch()),
                restriction instanceof MatchAllDocsQuery ? null : restriction);
        return withSearcher(searcher -> {
            List<TextHit> hits = entries(searcher, searcher.search(knn, k).scoreDocs, false);
            return hits.stream()
                    .map(h -> new TextHit(
                            h.entry(),
                            ScoreMapping.toSimilarity(
                                    org.apache.lucene.index.VectorSimilarityFunction.DOT_PRODUCT, h.score())))
                    .toList();
        });
    }

    List<TextHit> lexical(String query, Filter filter, int k, Set<String> excludeIds) throws IOException {
        List<String> terms = QueryTerms.of(analyzer, query);
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        terms.forEach(t -> words.add(new TermQuery(new Term(TextDocuments.TEXT, t)), Occur.SHOULD));
        Query search = new BooleanQuery.Builder()
                .add(words.build(), Occur.MUST)
                .add(restriction(filter, excludeIds), Occur.FILTER)
                .build();
        return withSearcher(searcher -> entries(searcher, searcher.search(search, k).scoreDocs, false));
    }

    long count(Filter filter) throws IOException {
        return count(LuceneFilterTranslator.translate(filter, TextDocuments::indexName));
    }

    void forEach(Filter filter, int pageSize, Consumer<List<TextEntry>> consumer) throws IOException {
        forEachPage(
                LuceneFilterTranslator.translate(filter, TextDocuments::indexName),
                pageSize,
                doc -> TextDocuments.toEntry(doc, true),
                consumer);
    }

    private static Query restriction(Filter filter, Set<String> excludeIds) {
        Query query = LuceneFilterTranslator.translate(filter, TextDocuments::indexName);
        return excludeIds.isEmpty() ? query : LuceneFilterTranslator.without(query, idsQuery(excludeIds));
    }

    private static List<TextHit> entries(IndexSearcher searcher, ScoreDoc[] docs, boolean withVectors)
            throws IOException {
        StoredFields stored = searcher.storedFields();
        List<TextHit> hits = new ArrayList<>(docs.length);
        // hits without vectors read only the JSON source: the stored vector is four bytes a dimension
        Set<String> fields = withVectors ? null : Set.of(RecordDocuments.SOURCE);
        for (ScoreDoc d : docs) {
            hits.add(new TextHit(
                    TextDocuments.toEntry(
                            fields == null ? stored.document(d.doc) : stored.document(d.doc, fields), withVectors),
                    d.score));
        }
        return hits;
    }
}
