package dev.loupe.search.problem;

import dev.loupe.service.problem.Problems;
import dev.loupe.vectorstore.UnknownCollectionException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 404: the request named a collection that does not exist. */
@Provider
public class UnknownCollectionExceptionMapper implements ExceptionMapper<UnknownCollectionException> {

    @Override
    public Response toResponse(UnknownCollectionException e) {
        return Problems.response(Problems.problem(
                        Problems.NOT_FOUND,
                        "unknown-collection",
                        "Unknown collection: use a name from GET /v1/collections, or omit 'collection' for the default",
                        Problems.quote(e.getMessage()) + ".")
                .withField("collection"));
    }
}
