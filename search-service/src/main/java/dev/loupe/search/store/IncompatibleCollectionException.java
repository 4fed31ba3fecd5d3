package dev.loupe.search.store;

import dev.loupe.vectorstore.CollectionSpec;

/** A collection's vectors have another dimension than the query model's: it was built by another model. */
public class IncompatibleCollectionException extends RuntimeException {

    private final String collection;

    public IncompatibleCollectionException(CollectionSpec spec, String modelId, int modelDimensions) {
        super("collection '" + spec.name() + "' holds " + spec.dimensions() + "-dimensional vectors, but model '"
                + modelId + "' embeds queries in " + modelDimensions + " dimensions");
        this.collection = spec.name();
    }

    public String collection() {
        return collection;
    }
}
