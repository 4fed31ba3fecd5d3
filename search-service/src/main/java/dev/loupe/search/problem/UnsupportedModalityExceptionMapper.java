package dev.loupe.search.problem;

import dev.loupe.encoders.UnsupportedModalityException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 422: the query model has no tower for this kind of input (an image sent to a text-only model). */
@Provider
public class UnsupportedModalityExceptionMapper implements ExceptionMapper<UnsupportedModalityException> {

    @Override
    public Response toResponse(UnsupportedModalityException e) {
        return Problems.response(
                Problems.UNPROCESSABLE_CONTENT,
                "unsupported-modality",
                "The query model cannot embed this kind of input: see 'modalities' in GET /v1/status",
                "The " + e.getMessage() + ".");
    }
}
