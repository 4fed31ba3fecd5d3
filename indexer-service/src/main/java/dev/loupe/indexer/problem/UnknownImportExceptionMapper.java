package dev.loupe.indexer.problem;

import dev.loupe.indexer.jobs.UnknownImportException;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 404: no import has the requested id. */
@Provider
public class UnknownImportExceptionMapper implements ExceptionMapper<UnknownImportException> {

    @Override
    public Response toResponse(UnknownImportException e) {
        return Problems.response(
                Problems.NOT_FOUND, "unknown-import", e.getMessage(), "GET /v1/imports lists the recent imports.");
    }
}
