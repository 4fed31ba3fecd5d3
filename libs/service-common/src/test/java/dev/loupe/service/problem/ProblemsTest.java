package dev.loupe.service.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writes_the_rfc_members_in_order_and_leaves_out_absent_extensions() throws Exception {
        Problem problem = Problems.problem(404, "unknown-model", "Unknown model 'x'", "The models here are [a].");

        assertThat(JSON.writeValueAsString(problem))
                .isEqualTo("{\"type\":\"urn:loupe:problem:unknown-model\",\"title\":\"Unknown model 'x'\","
                        + "\"status\":404,\"detail\":\"The models here are [a].\"}");
    }

    @Test
    void writes_extension_members_after_detail_in_field_index_reason_order() throws Exception {
        Problem problem = Problems.problem(422, "corrupt-image", "t", "d")
                .withReason("CORRUPT")
                .withIndex(3)
                .withField("file");

        assertThat(JSON.writeValueAsString(problem))
                .isEqualTo("{\"type\":\"urn:loupe:problem:corrupt-image\",\"title\":\"t\",\"status\":422,"
                        + "\"detail\":\"d\",\"field\":\"file\",\"index\":3,\"reason\":\"CORRUPT\"}");
    }

    @Test
    void answers_with_the_problem_status_and_media_type() {
        Response response = Problems.response(Problems.problem(403, "import-path-refused", "t", "d"));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getMediaType()).hasToString("application/problem+json");
        assertThat(((Problem) response.getEntity()).type()).isEqualTo("urn:loupe:problem:import-path-refused");
    }

    @Test
    void unavailable_tells_clients_when_to_retry() {
        Response response = Problems.unavailable("model-loading", "t", "d", 5);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((Problem) response.getEntity()).status()).isEqualTo(503);
    }

    @Test
    void quote_shortens_long_values_and_replaces_control_characters() {
        assertThat(Problems.quote("a\nb\u0000c")).isEqualTo("a?b?c");
        assertThat(Problems.quote("x".repeat(101))).isEqualTo("x".repeat(100) + "…");
        assertThat(Problems.quote("x".repeat(100))).isEqualTo("x".repeat(100));
        assertThat(Problems.quote(null)).isEqualTo("null");
    }

    @Test
    void quote_counts_code_points_not_chars() {
        String emoji = "\uD83D\uDCF7"; // one code point, two chars

        assertThat(Problems.quote(emoji.repeat(100))).isEqualTo(emoji.repeat(100));
    }
}
