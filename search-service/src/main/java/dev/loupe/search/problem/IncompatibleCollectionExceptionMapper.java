package dev.loupe.search.problem;

import dev.loupe.search.store.IncompatibleCollectionException;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 422: the collection was built by another model; the query model cannot search it. */
@Provider
public class IncompatibleCollectionExceptionMapper implements ExceptionMapper<IncompatibleCollectionException> {

    @Override
    public Response toResponse(IncompatibleCollectionException e) {
        return Problems.response(Problems.problem(
                        Problems.UNPROCESSABLE_CONTENT,
                        "incompatible-collection",
                        "Collection '" + Problems.quote(e.collection())
                                + "' was built by another model: re-import its photos with the current model",
                        e.getMessage() + ".")
                .withField("collection"));
    }
}
