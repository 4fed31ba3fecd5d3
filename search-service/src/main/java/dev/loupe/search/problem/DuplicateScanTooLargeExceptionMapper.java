package dev.loupe.search.problem;

import dev.loupe.search.collection.DuplicateScanTooLargeException;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 422: the collection is larger than one duplicate scan may cover. */
@Provider
public class DuplicateScanTooLargeExceptionMapper implements ExceptionMapper<DuplicateScanTooLargeException> {

    @Override
    public Response toResponse(DuplicateScanTooLargeException e) {
        return Problems.response(Problems.problem(
                        Problems.UNPROCESSABLE_CONTENT,
                        "duplicate-scan-too-large",
                        "This collection is too large for a duplicate scan in one request",
                        e.getMessage() + "; the operator may raise the limit, at the cost of one k-NN query per"
                                + " photo.")
                .withField("name"));
    }
}
