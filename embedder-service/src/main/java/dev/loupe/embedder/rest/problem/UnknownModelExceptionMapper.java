package dev.loupe.embedder.rest.problem;

import dev.loupe.embedder.model.UnknownModelException;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 404: the request named a model this service does not have. */
@Provider
public class UnknownModelExceptionMapper implements ExceptionMapper<UnknownModelException> {

    private static final int MAX_ECHOED_ID = 100; // characters of a client's model id quoted back

    @Override
    public Response toResponse(UnknownModelException e) {
        String id = e.modelId().length() > MAX_ECHOED_ID ? e.modelId().substring(0, MAX_ECHOED_ID) + "…" : e.modelId();
        return Problems.response(
                Problems.NOT_FOUND,
                "unknown-model",
                "Unknown model '" + id + "': use an id from GET /v1/models, or omit 'model' for the default",
                "The models here are " + e.knownIds() + ".");
    }
}
