package dev.loupe.embedder.model;

import java.util.List;

/** A request named a model id that is not among the bundles in the models directory. */
public class UnknownModelException extends RuntimeException {

    private final String modelId;
    private final List<String> knownIds;

    public UnknownModelException(String modelId, List<String> knownIds) {
        super("no model '" + modelId + "'; the models are " + knownIds);
        this.modelId = modelId;
        this.knownIds = List.copyOf(knownIds);
    }

    public String modelId() {
        return modelId;
    }

    public List<String> knownIds() {
        return knownIds;
    }
}
