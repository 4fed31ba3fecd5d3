package dev.loupe.search.problem;

import dev.loupe.service.problem.Problems;
import dev.loupe.vectorstore.milvus.MilvusUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 503 with {@code Retry-After}: the Milvus server ({@code loupe.store.type=milvus}) did not answer. */
@Provider
public class MilvusUnavailableExceptionMapper implements ExceptionMapper<MilvusUnavailableException> {

    /** Long enough for a restarted Milvus standalone to load its collections again. */
    private static final int RETRY_AFTER_SECONDS = 10;

    @Override
    public Response toResponse(MilvusUnavailableException e) {
        return Problems.unavailable(
                "store-unavailable",
                "The vector store (Milvus) is unavailable: try again shortly",
                "The request may not have been carried out; repeating it is safe.",
                RETRY_AFTER_SECONDS);
    }
}
