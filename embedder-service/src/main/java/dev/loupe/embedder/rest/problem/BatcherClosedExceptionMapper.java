package dev.loupe.embedder.rest.problem;

import dev.loupe.encoders.batch.BatcherClosedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 503: the service is shutting down and dropped the request before running it. */
@Provider
public class BatcherClosedExceptionMapper implements ExceptionMapper<BatcherClosedException> {

    private static final int RETRY_AFTER = 1; // seconds; another replica or the restarted one will answer

    @Override
    public Response toResponse(BatcherClosedException e) {
        return Problems.unavailable(
                "shutting-down",
                "The embedder is shutting down: retry the request",
                "The request was not processed.",
                RETRY_AFTER);
    }
}
