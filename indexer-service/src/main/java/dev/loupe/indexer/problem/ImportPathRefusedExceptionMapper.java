package dev.loupe.indexer.problem;

import dev.loupe.ingest.ImportPathRefusedException;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 403: an import named a path outside {@code loupe.jobs.roots}. */
@Provider
public class ImportPathRefusedExceptionMapper implements ExceptionMapper<ImportPathRefusedException> {

    @Override
    public Response toResponse(ImportPathRefusedException e) {
        return Problems.response(Problems.problem(
                        Problems.FORBIDDEN,
                        "import-path-refused",
                        "The path is outside the import roots: put the photos under one of them, or add a root"
                                + " (loupe.jobs.roots)",
                        e.getMessage())
                .withField(e.field()));
    }
}
