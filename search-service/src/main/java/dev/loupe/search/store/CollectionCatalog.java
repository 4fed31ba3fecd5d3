package dev.loupe.search.store;

import dev.loupe.search.config.SearchConfig;
import dev.loupe.search.encoder.QueryEncoder;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.UnknownCollectionException;
import dev.loupe.vectorstore.VectorStore;
import jakarta.enterprise.context.ApplicationScoped;

/** Resolves the collection a request names (or the default one) to its definition. */
@ApplicationScoped
public class CollectionCatalog {

    private final VectorStore store;
    private final QueryEncoder encoder;
    private final String defaultCollection;

    CollectionCatalog(VectorStore store, QueryEncoder encoder, SearchConfig config) {
        this.store = store;
        this.encoder = encoder;
        this.defaultCollection = config.defaultCollection();
    }

    /** The collection used when a request names none. */
    public String defaultCollection() {
        return defaultCollection;
    }

    /**
     * The definition of an existing collection.
     *
     * @param requested a collection name, or null (or blank) for the default collection
     * @throws UnknownCollectionException when it does not exist
     */
    public CollectionSpec require(String requested) {
        String name = requested == null || requested.isBlank() ? defaultCollection : requested;
        return store.listCollections().stream()
                .filter(spec -> spec.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new UnknownCollectionException(name));
    }

    /**
     * The definition of an existing collection that queries embedded by this service's model can
     * search: its vectors have the model's dimension.
     *
     * @throws UnknownCollectionException when it does not exist
     * @throws IncompatibleCollectionException when its dimension differs from the model's
     */
    public CollectionSpec requireSearchable(String requested) {
        CollectionSpec spec = require(requested);
        int dimensions = encoder.info().dimensions();
        if (spec.dimensions() != dimensions) {
            throw new IncompatibleCollectionException(spec, encoder.info().modelId(), dimensions);
        }
        return spec;
    }
}
