package dev.loupe.service.problem;

import dev.loupe.encoders.batch.BatcherClosedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 503: the service is shutting down and dropped the request before running it. */
@Provider
public class BatcherClosedExceptionMapper implements ExceptionMapper<BatcherClosedException> {

    private static final int RETRY_AFTER = 1; // seconds; another replica or the restarted one will answer

    private final ProblemWording wording;

    public BatcherClosedExceptionMapper(ProblemWording wording) {
        this.wording = wording;
    }

    @Override
    public Response toResponse(BatcherClosedException e) {
        return Problems.unavailable(
                "shutting-down", wording.shuttingDownTitle(), wording.shuttingDownDetail(), RETRY_AFTER);
    }
}
