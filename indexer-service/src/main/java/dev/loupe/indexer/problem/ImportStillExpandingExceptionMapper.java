package dev.loupe.indexer.problem;

import dev.loupe.indexer.jobs.ImportStillExpandingException;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 409: a redrive of an import that is still reading its source. */
@Provider
public class ImportStillExpandingExceptionMapper implements ExceptionMapper<ImportStillExpandingException> {

    @Override
    public Response toResponse(ImportStillExpandingException e) {
        return Problems.response(
                Problems.CONFLICT,
                "import-expanding",
                e.getMessage(),
                "GET /v1/imports/{id} says when its status is running or done.");
    }
}
