package dev.loupe.search.problem;

import dev.loupe.search.query.DegenerateQueryException;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 422: the query parts cancel each other out, leaving nothing to search for. */
@Provider
public class DegenerateQueryExceptionMapper implements ExceptionMapper<DegenerateQueryException> {

    @Override
    public Response toResponse(DegenerateQueryException e) {
        return Problems.response(Problems.problem(
                        Problems.UNPROCESSABLE_CONTENT,
                        "degenerate-query",
                        "The query parts cancel each other out: lower the 'negativeText' weight or change the texts",
                        e.getMessage() + ".")
                .withField("weights"));
    }
}
