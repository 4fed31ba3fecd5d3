package dev.loupe.service.problem;

import dev.loupe.encoders.UnsupportedModalityException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 422: the model has no tower for this kind of input (an image sent to a text-only model). */
@Provider
public class UnsupportedModalityExceptionMapper implements ExceptionMapper<UnsupportedModalityException> {

    private final ProblemWording wording;

    public UnsupportedModalityExceptionMapper(ProblemWording wording) {
        this.wording = wording;
    }

    @Override
    public Response toResponse(UnsupportedModalityException e) {
        return Problems.response(
                Problems.UNPROCESSABLE_CONTENT,
                "unsupported-modality",
                wording.unsupportedModalityTitle(),
                "The " + e.getMessage() + ".");
    }
}
