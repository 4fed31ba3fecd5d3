package dev.loupe.vectorstore.texts;

import dev.loupe.vectorstore.Filter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where text collections live: each record's vector for search by meaning and its text's terms for
 * search by words (BM25), side by side. Both searches return candidates best first; {@link TextSearch}
 * fuses, pages and cuts them, the same way over every adapter. Implementations are thread-safe; an
 * operation on a collection that does not exist throws {@link dev.loupe.vectorstore.UnknownCollectionException}.
 */
public interface TextStore extends AutoCloseable {

    /** Most candidates one dense or lexical search returns. */
    int MAX_CANDIDATES = 16_384;

    /**
     * Creates a collection; does nothing when one with the same dimensions, model and analysis exists.
     *
     * @throws dev.loupe.vectorstore.CollectionConflictException when one exists with others
     */
    void createCollection(TextCollectionSpec spec);

    List<TextCollectionSpec> listCollections();

    /**
     * The collection's definition and metadata fields, or empty when it does not exist. Cheap: every
     * search asks for it (the Milvus store reads the fields in one round trip, the rest from a cache).
     */
    Optional<TextCollectionInfo> describe(String collection);

    /**
     * Declares metadata field types before records bring them (a collection's declared schema); a
     * field already recorded with the same type is left as it is.
     *
     * @throws dev.loupe.vectorstore.CollectionConflictException when a field holds another type
     */
    void declareFields(String collection, Map<String, MetadataType> fields);

    /** Deletes a collection and its records; does nothing when it does not exist. */
    void dropCollection(String collection);

    /**
     * Inserts or replaces entries by id, and records the types of metadata fields not seen before.
     * Visible to searches and {@link #get} when this returns.
     *
     * @throws IllegalArgumentException when a vector's length differs from the collection's
     */
    void upsert(String collection, List<TextEntry> entries);

    /** Deletes entries by id; unknown ids are ignored. */
    void delete(String collection, Collection<String> ids);

    /** The entries with these ids that exist, with their vectors, in no particular order. */
    List<TextEntry> get(String collection, Collection<String> ids);

    /**
     * The {@code k} entries nearest the query vector that match the filter, best first, scored by
     * cosine similarity; without vectors.
     *
     * @throws IllegalArgumentException when the vector's length differs from the collection's, or k is
     *     outside 1..{@value #MAX_CANDIDATES}
     */
    List<TextHit> dense(String collection, float[] vector, Filter filter, int k, Set<String> excludeIds);

    /**
     * The {@code k} entries whose text best matches the query's terms by BM25 that match the filter,
     * best first; entries sharing no term with the query are not returned. Without vectors.
     *
     * @throws IllegalArgumentException when k is outside 1..{@value #MAX_CANDIDATES}
     */
    List<TextHit> lexical(String collection, String query, Filter filter, int k, Set<String> excludeIds);

    /** How many entries match the filter. */
    long count(String collection, Filter filter);

    /** Visits every entry matching the filter, with vectors, in pages of at most {@code pageSize}. */
    void forEach(String collection, Filter filter, int pageSize, Consumer<List<TextEntry>> page);

    @Override
    void close();

    /** The bounds every adapter checks on a search's k. */
    static void checkCandidates(int k) {
        if (k < 1 || k > MAX_CANDIDATES) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_CANDIDATES + ", got " + k);
        }
    }
}
