package dev.loupe.vectorstore;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where photo embeddings live and are searched. Implementations are thread-safe. An operation on a
 * collection that does not exist throws {@link UnknownCollectionException}.
 */
public interface VectorStore extends AutoCloseable {

    /**
     * Creates a collection; does nothing when one with the same spec exists.
     *
     * @throws CollectionConflictException when one exists with a different dimension or metric
     */
    void createCollection(CollectionSpec spec);

    List<CollectionSpec> listCollections();

    /** The collection's definition and record count, or empty when it does not exist. */
    Optional<CollectionStats> stats(String collection);

    /** Deletes a collection and its records; does nothing when it does not exist. */
    void dropCollection(String collection);

    /**
     * Inserts or replaces records by id. Idempotent: upserting the same record twice leaves one.
     * Records are visible to {@link #search} and {@link #get} when this returns.
     *
     * @throws IllegalArgumentException when a vector's length differs from the collection's
     */
    void upsert(String collection, List<PhotoRecord> records);

    /** Deletes records by id; unknown ids are ignored. */
    void delete(String collection, Collection<String> ids);

    /**
     * The records with these ids that exist, with their vectors, in no particular order. Instants come
     * back at millisecond precision; a COSINE collection may return its vectors normalised.
     */
    List<PhotoRecord> get(String collection, Collection<String> ids);

    /**
     * The nearest records to the query vector that match its filter, best first. Scores are cosine
     * similarities in [-1, 1] for COSINE collections (inner products for DOT_PRODUCT). Hits carry
     * vectors only when {@link SearchQuery#includeVectors()} asks.
     *
     * @throws IllegalArgumentException when the query vector's length differs from the collection's
     */
    List<SearchHit> search(String collection, SearchQuery query);

    /** How many records match the filter. */
    long count(String collection, Filter filter);

    /**
     * Visits every record matching the filter, with vectors, in pages of at most {@code pageSize}
     * (for applying classifiers and exports). Records upserted during the walk may or may not be seen.
     */
    void forEach(String collection, Filter filter, int pageSize, Consumer<List<PhotoRecord>> page);

    @Override
    void close();
}
