package dev.loupe.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads an embedding response after checking that its shape is exactly the contract's. */
public final class EmbeddingsJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double UNIT_TOLERANCE = 1e-4;

    private EmbeddingsJson() {}

    /**
     * Asserts {@code {"model", "dimensions", "data": [{"index": i, "embedding": [floats]}]}} with
     * indices 0..n-1 in order, every embedding of {@code dimensions} unit-norm floats.
     *
     * @return the embeddings, in order
     */
    public static List<float[]> vectors(Response response, String model, int dimensions, int count) {
        JsonNode body = parse(response.asString());
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("model", "dimensions", "data");
        assertThat(body.get("model").asText()).isEqualTo(model);
        assertThat(body.get("dimensions").isInt()).isTrue();
        assertThat(body.get("dimensions").asInt()).isEqualTo(dimensions);
        assertThat(body.get("data").isArray()).isTrue();
        assertThat(body.get("data")).hasSize(count);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode item = body.get("data").get(i);
            assertThat(fieldNames(item)).containsExactlyInAnyOrder("index", "embedding");
            assertThat(item.get("index").asInt()).isEqualTo(i);
            JsonNode embedding = item.get("embedding");
            assertThat(embedding).hasSize(dimensions);
            float[] vector = new float[dimensions];
            double squares = 0;
            for (int d = 0; d < dimensions; d++) {
                assertThat(embedding.get(d).isNumber()).isTrue();
                vector[d] = (float) embedding.get(d).asDouble();
                squares += (double) vector[d] * vector[d];
            }
            assertThat(Math.sqrt(squares))
                    .as("norm of embedding %d", i)
                    .isCloseTo(1.0, org.assertj.core.data.Offset.offset(UNIT_TOLERANCE));
            vectors.add(vector);
        }
        return vectors;
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    public static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public static double cosine(float[] a, float[] b) {
        return dev.loupe.encoders.TestBundles.cosine(a, b);
    }
}
