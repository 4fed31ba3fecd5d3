package dev.loupe.search.problem;

import dev.loupe.encoders.batch.BatcherClosedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 503: the service is shutting down and dropped the query before embedding it. */
@Provider
public class BatcherClosedExceptionMapper implements ExceptionMapper<BatcherClosedException> {

    private static final int RETRY_AFTER = 1; // seconds; another replica or the restarted one will answer

    @Override
    public Response toResponse(BatcherClosedException e) {
        return Problems.unavailable(
                "shutting-down",
                "The search service is shutting down: retry the request",
                "Nothing was done.",
                RETRY_AFTER);
    }
}
