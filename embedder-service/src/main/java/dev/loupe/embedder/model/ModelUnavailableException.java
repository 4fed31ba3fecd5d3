package dev.loupe.embedder.model;

/** A request named a model that exists but cannot serve: it is still loading, or failed to load. */
public class ModelUnavailableException extends RuntimeException {

    private final String modelId;
    private final boolean loading;

    private ModelUnavailableException(String modelId, boolean loading, String message) {
        super(message);
        this.modelId = modelId;
        this.loading = loading;
    }

    static ModelUnavailableException loading(String modelId) {
        return new ModelUnavailableException(modelId, true, "model '" + modelId + "' is still loading");
    }

    static ModelUnavailableException failed(String modelId, String reason) {
        return new ModelUnavailableException(modelId, false, "model '" + modelId + "' failed to load: " + reason);
    }

    public String modelId() {
        return modelId;
    }

    /** True while the model loads (retrying soon helps); false when loading failed (it will not). */
    public boolean isLoading() {
        return loading;
    }
}
