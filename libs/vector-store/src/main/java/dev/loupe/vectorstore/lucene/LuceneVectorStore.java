package dev.loupe.vectorstore.lucene;

import dev.loupe.vectorstore.CollectionConflictException;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.CollectionStats;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchHit;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.VectorStore;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The standalone {@link VectorStore}: one Lucene HNSW index per collection on local disk, kept by
 * {@link LuceneCollections}; every upsert and delete is committed before it returns, so a restart
 * keeps it. Thread-safe.
 */
public final class LuceneVectorStore implements VectorStore {

    private final LuceneCollections<CollectionSpec, LuceneCollection> collections;

    /**
     * Opens (creating if needed) a store under {@code root} and every collection found there.
     *
     * @throws UncheckedIOException when the directory or an index cannot be opened
     */
    public LuceneVectorStore(Path root) {
        this.collections = new LuceneCollections<>(
                root, "vector store", CollectionSpec.class, CollectionSpec::name, LuceneCollection::new);
    }

    @Override
    public void createCollection(CollectionSpec spec) {
        LuceneIndex.vectorsFormat(spec.index()); // rejects bad settings before touching the disk
        collections.create(spec, (have, wanted) -> {
            if (have.dimensions() != wanted.dimensions() || have.metric() != wanted.metric()) {
                throw new CollectionConflictException("collection '" + wanted.name() + "' exists with "
                        + have.dimensions() + " dimensions and metric " + have.metric() + ", not "
                        + wanted.dimensions() + " and " + wanted.metric());
            }
        });
    }

    @Override
    public List<CollectionSpec> listCollections() {
        return collections.specs();
    }

    @Override
    public Optional<CollectionStats> stats(String collection) {
        return collections.ifPresent(collection, "count", c -> new CollectionStats(c.spec(), c.count(Filter.all())));
    }

    @Override
    public void dropCollection(String collection) {
        collections.drop(collection);
    }

    @Override
    public void upsert(String collection, List<PhotoRecord> records) {
        collections.change(collection, "upsert into", c -> c.upsert(records));
    }

    @Override
    public void delete(String collection, Collection<String> ids) {
        collections.change(collection, "delete from", c -> c.delete(ids));
    }

    @Override
    public List<PhotoRecord> get(String collection, Collection<String> ids) {
        return collections.run(collection, "read", c -> c.get(ids));
    }

    @Override
    public List<SearchHit> search(String collection, SearchQuery query) {
        return collections.run(collection, "search", c -> c.search(query));
    }

    @Override
    public long count(String collection, Filter filter) {
        return collections.run(collection, "count", c -> c.count(filter));
    }

    @Override
    public void forEach(String collection, Filter filter, int pageSize, Consumer<List<PhotoRecord>> page) {
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
