package dev.loupe.search.problem;

import dev.loupe.service.problem.Problems;
import dev.loupe.vectorstore.InvalidFilterException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 400: the filter is not valid; the title names the JSON path at fault ({@code $.and[1].value}). */
@Provider
public class InvalidFilterExceptionMapper implements ExceptionMapper<InvalidFilterException> {

    @Override
    public Response toResponse(InvalidFilterException e) {
        return Problems.response(Problems.problem(
                        Problems.BAD_REQUEST,
                        "invalid-filter",
                        "Invalid 'filter': " + e.getMessage(),
                        "A filter is {\"field\": \"tags\", \"op\": \"contains\", \"value\": \"cat\"} or and/or/not of"
                                + " such; see the Filter description in /q/openapi.")
                .withField("filter"));
    }
}
