package dev.loupe.embedder.rest.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.encoders.InferenceException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class InferenceExceptionMapperTest {

    @Test
    void answers_500_without_repeating_the_runtime_message() {
        InferenceException failure = new InferenceException(
                "inference failed in vision_model.onnx: /opt/models/secret/path", new IllegalStateException("ort"));

        Response response = new InferenceExceptionMapper().toResponse(failure);

        assertThat(response.getStatus()).isEqualTo(500);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.title()).startsWith("The model failed to embed this request");
        assertThat(problem.toString()).doesNotContain("secret", "onnx", "Exception");
    }
}
