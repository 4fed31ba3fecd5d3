package dev.loupe.embedder.rest.problem;

import dev.loupe.embedder.model.ModelUnavailableException;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 503: the model exists but is still loading (retry shortly) or failed to load (see the logs). */
@Provider
public class ModelUnavailableExceptionMapper implements ExceptionMapper<ModelUnavailableException> {

    private static final int RETRY_AFTER_LOADING = 5; // seconds; large models load in seconds to a minute

    @Override
    public Response toResponse(ModelUnavailableException e) {
        if (e.isLoading()) {
            return Problems.unavailable(
                    "model-loading",
                    "Model '" + e.modelId() + "' is still loading: retry in a few seconds",
                    e.getMessage() + "; GET /q/health/ready turns UP when the default model is loaded.",
                    RETRY_AFTER_LOADING);
        }
        return Problems.response(
                Problems.SERVICE_UNAVAILABLE,
                "model-failed",
                "Model '" + e.modelId() + "' failed to load: use another model or ask the operator to fix its bundle",
                e.getMessage());
    }
}
