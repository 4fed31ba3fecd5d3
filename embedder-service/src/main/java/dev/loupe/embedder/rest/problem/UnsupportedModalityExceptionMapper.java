package dev.loupe.embedder.rest.problem;

import dev.loupe.encoders.UnsupportedModalityException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 422: the model has no tower for this input (an image sent to a text-only model). */
@Provider
public class UnsupportedModalityExceptionMapper implements ExceptionMapper<UnsupportedModalityException> {

    @Override
    public Response toResponse(UnsupportedModalityException e) {
        return Problems.response(
                Problems.UNPROCESSABLE_CONTENT,
                "unsupported-modality",
                "This model cannot embed this kind of input: pick a model whose 'modalities' in GET /v1/models"
                        + " include it",
                "The " + e.getMessage() + ".");
    }
}
