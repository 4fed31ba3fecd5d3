package dev.loupe.search.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.search.problem.InvalidRequestException;
import org.junit.jupiter.api.Test;

class SearchWeightsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void absent_weights_are_the_defaults() throws Exception {
        assertThat(SearchWeights.parse(null)).isEqualTo(new SearchWeights(1, 1, 1, 0.5));
        assertThat(SearchWeights.parse(json("null"))).isEqualTo(SearchWeights.DEFAULT);
        assertThat(SearchWeights.parse(json("{}"))).isEqualTo(SearchWeights.DEFAULT);
    }

    @Test
    void given_keys_override_their_default_only() throws Exception {
        assertThat(SearchWeights.parse(json("{\"text\": 2, \"negativeText\": 0}")))
                .isEqualTo(new SearchWeights(2, 1, 1, 0));
        assertThat(SearchWeights.parse(json("{\"photoId\": 0.25}"))).isEqualTo(new SearchWeights(1, 1, 0.25, 0.5));
    }

    @Test
    void refuses_unknown_keys_non_numbers_and_out_of_range_values_naming_the_key() throws Exception {
        assertField("{\"txt\": 1}", "weights");
        assertField("{\"text\": \"1\"}", "weights.text");
        assertField("{\"image\": -0.1}", "weights.image");
        assertField("{\"negativeText\": 100.5}", "weights.negativeText");
        assertField("[1]", "weights");
        assertField("3", "weights");
    }

    private static void assertField(String weights, String field) throws Exception {
        JsonNode node = json(weights);
        assertThatThrownBy(() -> SearchWeights.parse(node))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo(field));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
