package dev.loupe.embedder.rest.problem;

import dev.loupe.embedder.service.InvalidInputException;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 400: the input breaks a per-request limit, or there is none. */
@Provider
public class InvalidInputExceptionMapper implements ExceptionMapper<InvalidInputException> {

    @Override
    public Response toResponse(InvalidInputException e) {
        return Problems.response(Problems.problem(Problems.BAD_REQUEST, "invalid-input", e.title(), e.getMessage())
                .withIndex(e.index())
                .withReason(e.reason().name()));
    }
}
