package dev.loupe.search.problem;

import dev.loupe.search.imports.ImportQueueFullException;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 503 with {@code Retry-After}: too many imports are waiting. */
@Provider
public class ImportQueueFullExceptionMapper implements ExceptionMapper<ImportQueueFullException> {

    /** Imports take minutes: asking again much sooner only fills the log. */
    private static final int RETRY_AFTER_SECONDS = 60;

    @Override
    public Response toResponse(ImportQueueFullException e) {
        return Problems.unavailable(
                "import-queue-full",
                "Too many imports are waiting: try again when some are done",
                e.getMessage() + " (loupe.imports.queue-capacity).",
                RETRY_AFTER_SECONDS);
    }
}
