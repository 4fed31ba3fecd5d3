package dev.loupe.vectorstore.lucene;

import dev.loupe.vectorstore.CollectionConflictException;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.texts.MetadataType;
import dev.loupe.vectorstore.texts.TextCollectionInfo;
import dev.loupe.vectorstore.texts.TextCollectionSpec;
import dev.loupe.vectorstore.texts.TextEntry;
import dev.loupe.vectorstore.texts.TextHit;
import dev.loupe.vectorstore.texts.TextStore;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The standalone {@link TextStore}: one Lucene index per text collection holding both the HNSW graph
 * of its vectors and the BM25 postings of its texts, analysed as the collection's
 * {@link dev.loupe.vectorstore.lexical.TextAnalysis} says. Every write is committed before it returns.
 * Thread-safe.
 */
public final class LuceneTextStore implements TextStore {

    private final LuceneCollections<TextCollectionSpec, LuceneTextCollection> collections;

    /**
     * Opens (creating if needed) a store under {@code root} and every text collection found there.
     *
     * @throws UncheckedIOException when the directory or an index cannot be opened
     */
    public LuceneTextStore(Path root) {
        this.collections = new LuceneCollections<>(
                root, "text store", TextCollectionSpec.class, TextCollectionSpec::name, LuceneTextCollection::new);
    }

    @Override
    public void createCollection(TextCollectionSpec spec) {
        LuceneIndex.vectorsFormat(spec.index()); // rejects bad settings before touching the disk
        collections.create(spec, (have, wanted) -> {
            if (have.dimensions() != wanted.dimensions()
                    || !have.modelId().equals(wanted.modelId())
                    || have.analysis() != wanted.analysis()) {
                throw new CollectionConflictException("text collection '" + wanted.name() + "' exists with "
                        + describe(have) + ", not " + describe(wanted));
            }
        });
    }

    static String describe(TextCollectionSpec spec) {
        return spec.dimensions() + " dimensions, model " + spec.modelId() + " and "
                + spec.analysis().wireName() + " analysis";
    }

    @Override
    public List<TextCollectionSpec> listCollections() {
        return collections.specs();
    }

    @Override
    public Optional<TextCollectionInfo> describe(String collection) {
        return collections.ifPresent(collection, "describe", c -> new TextCollectionInfo(c.spec(), c.fields()));
    }

    @Override
    public void declareFields(String collection, Map<String, MetadataType> fields) {
        collections.change(collection, "declare fields of", c -> c.declare(fields));
    }

    @Override
    public void dropCollection(String collection) {
        collections.drop(collection);
    }

    @Override
    public void upsert(String collection, List<TextEntry> entries) {
        collections.change(collection, "upsert into", c -> c.upsert(entries));
    }

    @Override
    public void delete(String collection, Collection<String> ids) {
        collections.change(collection, "delete from", c -> c.delete(ids));
    }

    @Override
    public List<TextEntry> get(String collection, Collection<String> ids) {
        return collections.run(collection, "read", c -> c.get(ids));
    }

    @Override
    public List<TextHit> dense(String collection, float[] vector, Filter filter, int k, Set<String> excludeIds) {
        TextStore.checkCandidates(k);
        return collections.run(collection, "search", c -> c.dense(vector, filter, k, excludeIds));
    }

    @Override
    public List<TextHit> lexical(String collection, String query, Filter filter, int k, Set<String> excludeIds) {
        TextStore.checkCandidates(k);
        return collections.run(collection, "search", c -> c.lexical(query, filter, k, excludeIds));
    }

    @Override
    public long count(String collection, Filter filter) {
        return collections.run(collection, "count", c -> c.count(filter));
    }

    @Override
    public void forEach(String collection, Filter filter, int pageSize, Consumer<List<TextEntry>> page) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive, got " + pageSize);
        }
        collections.change(collection, "walk", c -> c.forEach(filter, pageSize, page));
    }

    @Override
    public void close() {
        collections.close();
    }
}
