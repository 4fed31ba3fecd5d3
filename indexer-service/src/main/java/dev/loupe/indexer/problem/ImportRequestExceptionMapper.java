package dev.loupe.indexer.problem;

import dev.loupe.ingest.ImportRequestException;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 400: the import request breaks a rule the client can fix; the problem names the field. */
@Provider
public class ImportRequestExceptionMapper implements ExceptionMapper<ImportRequestException> {

    @Override
    public Response toResponse(ImportRequestException e) {
        return Problems.response(Problems.problem(
                        Problems.BAD_REQUEST,
                        "invalid-request",
                        e.getMessage(),
                        "See the request schema in /q/openapi.")
                .withField(e.field()));
    }
}
