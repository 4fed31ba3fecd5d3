package dev.loupe.search.problem;

import dev.loupe.encoders.batch.BatchQueueFullException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 503 with {@code Retry-After}: the query model's queue is full; nothing of the request was embedded. */
@Provider
public class BatchQueueFullExceptionMapper implements ExceptionMapper<BatchQueueFullException> {

    private static final int RETRY_AFTER = 1; // seconds; a queue drains within a few batches

    @Override
    public Response toResponse(BatchQueueFullException e) {
        return Problems.unavailable(
                "overloaded",
                "The search service is busy: retry after a second",
                e.getMessage() + " (loupe.batching.queue-capacity).",
                RETRY_AFTER);
    }
}
