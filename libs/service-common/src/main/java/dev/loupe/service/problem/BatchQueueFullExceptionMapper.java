package dev.loupe.service.problem;

import dev.loupe.encoders.batch.BatchQueueFullException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 503 with {@code Retry-After}: the model's queue is full; nothing of the request was processed. */
@Provider
public class BatchQueueFullExceptionMapper implements ExceptionMapper<BatchQueueFullException> {

    private static final int RETRY_AFTER = 1; // seconds; a queue drains within a few batches

    private final ProblemWording wording;

    public BatchQueueFullExceptionMapper(ProblemWording wording) {
        this.wording = wording;
    }

    @Override
    public Response toResponse(BatchQueueFullException e) {
        return Problems.unavailable(
                "overloaded",
                wording.busyTitle(),
                e.getMessage() + " (" + wording.queueCapacitySetting() + ").",
                RETRY_AFTER);
    }
}
