package dev.loupe.service.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.loupe.encoders.InferenceException;
import dev.loupe.encoders.batch.BatchQueueFullException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedMappersTest {

    private static final ProblemWording GENERIC = new DefaultProblemWording();

    private static final ProblemWording QUERY = new ProblemWording() {
        @Override
        public String busyTitle() {
            return "The search service is busy: retry after a second";
        }

        @Override
        public String queueCapacitySetting() {
            return "loupe.search.batching.queue-capacity";
        }

        @Override
        public String unsupportedMediaTypeTitle() {
            return "Unsupported Content-Type: send an image";
        }
    };

    @Test
    void inference_failure_answers_500_without_repeating_the_runtime_message() {
        InferenceException failure = new InferenceException(
                "inference failed in vision_model.onnx: /opt/models/secret/path", new IllegalStateException("ort"));

        Response response = new InferenceExceptionMapper(GENERIC).toResponse(failure);

        assertThat(response.getStatus()).isEqualTo(500);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.type()).isEqualTo("urn:loupe:problem:inference-failed");
        assertThat(problem.title()).isEqualTo(GENERIC.inferenceFailedTitle());
        assertThat(problem.toString()).doesNotContain("secret", "onnx", "Exception");
    }

    @Test
    void full_queue_answers_503_in_the_service_words_naming_its_setting() {
        BatchQueueFullException full = new BatchQueueFullException("text", 3, 510, 512);

        Response response = new BatchQueueFullExceptionMapper(QUERY).toResponse(full);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.title()).isEqualTo("The search service is busy: retry after a second");
        assertThat(problem.detail()).isEqualTo(full.getMessage() + " (loupe.search.batching.queue-capacity).");
    }

    @Test
    void http_layer_client_errors_get_a_problem_body_and_keep_their_headers() {
        Response original = Response.status(405).header("Allow", "GET").build();

        Response response =
                new WebApplicationExceptionMapper(GENERIC).toResponse(new WebApplicationException(original));

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeaderString("Allow")).isEqualTo("GET");
        assertThat(response.getMediaType()).hasToString("application/problem+json");
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.type()).isEqualTo("urn:loupe:problem:http-405");
        assertThat(problem.detail()).isEqualTo("Method Not Allowed");
    }

    @Test
    void unsupported_media_type_is_titled_in_the_service_words() {
        Response response = new WebApplicationExceptionMapper(QUERY)
                .toResponse(new WebApplicationException(Response.status(415).build()));

        assertThat(((Problem) response.getEntity()).title()).isEqualTo("Unsupported Content-Type: send an image");
    }

    @Test
    void malformed_json_names_where_parsing_stopped() {
        JsonParseException cause = parseFailure("{\"input\": [");

        Response response = new WebApplicationExceptionMapper(GENERIC)
                .toResponse(
                        new WebApplicationException(cause, Response.status(400).build()));

        Problem problem = (Problem) response.getEntity();
        assertThat(problem.type()).isEqualTo("urn:loupe:problem:malformed-json");
        assertThat(problem.title()).startsWith("The request body is not valid JSON (line 1, column");
    }

    @Test
    void answers_of_the_server_and_answers_with_a_body_pass_through() {
        Response serverError = Response.status(502).build();
        Response withBody = Response.status(400).entity("already said").build();
        WebApplicationExceptionMapper mapper = new WebApplicationExceptionMapper(GENERIC);

        assertThat(mapper.toResponse(new WebApplicationException(serverError))).isSameAs(serverError);
        assertThat(mapper.toResponse(new WebApplicationException(withBody))).isSameAs(withBody);
    }

    @Test
    void wrong_shaped_json_names_the_field_and_item_without_java_types() {
        MismatchedInputException wrong = mismatch("{\"input\": [\"a\", [1]]}");

        Response response = new MismatchedInputExceptionMapper().toResponse(wrong);

        Problem problem = (Problem) response.getEntity();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(problem.title()).startsWith("Invalid 'input[1]' at line 1").endsWith("expected a string");
        assertThat(problem.field()).isEqualTo("input[1]");
        assertThat(problem.index()).isEqualTo(1);
        assertThat(problem.toString()).doesNotContain("java.");
    }

    @Test
    void wrong_shaped_json_without_a_path_leaves_out_field_and_index() {
        MismatchedInputException wrong = MismatchedInputException.from(null, List.class, "wrong");

        Problem problem =
                (Problem) new MismatchedInputExceptionMapper().toResponse(wrong).getEntity();

        assertThat(problem.title()).isEqualTo("The request body has a value of the wrong type: expected an array");
        assertThat(problem.field()).isNull();
        assertThat(problem.index()).isNull();
    }

    /** A request body shape, read with plain Jackson. */
    record Texts(List<String> input) {}

    private static MismatchedInputException mismatch(String json) {
        try {
            new ObjectMapper().readValue(json, Texts.class);
        } catch (MismatchedInputException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a mismatched input, got " + e, e);
        }
        throw new AssertionError("expected " + json + " to be refused");
    }

    private static JsonParseException parseFailure(String json) {
        try {
            new ObjectMapper().readTree(json);
        } catch (JsonParseException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a parse failure, got " + e, e);
        }
        throw new AssertionError("expected " + json + " to be refused");
    }
}
