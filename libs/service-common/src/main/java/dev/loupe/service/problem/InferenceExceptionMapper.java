package dev.loupe.service.problem;

import dev.loupe.encoders.InferenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * 500: the model failed on valid input. The cause is logged; the answer does not repeat ONNX Runtime's
 * message, which may name internal paths.
 */
@Provider
public class InferenceExceptionMapper implements ExceptionMapper<InferenceException> {

    private static final Logger LOG = Logger.getLogger(InferenceExceptionMapper.class);

    private final ProblemWording wording;

    public InferenceExceptionMapper(ProblemWording wording) {
        this.wording = wording;
    }

    @Override
    public Response toResponse(InferenceException e) {
        LOG.errorf(e, "inference failed: %s", e.getMessage());
        return Problems.response(
                Problems.INTERNAL_SERVER_ERROR,
                "inference-failed",
                wording.inferenceFailedTitle(),
                wording.inferenceFailedDetail());
    }
}
