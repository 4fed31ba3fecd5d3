package dev.loupe.embedder.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The JSON bodies of embedder-service's API (unknown fields are ignored). */
final class Wire {

    private Wire() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelList(List<ModelEntry> data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelEntry(
            String id,
            List<String> modalities,
            int dimensions,
            @JsonProperty("default") boolean isDefault,
            String queryPrompt) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TextRequest(List<String> input, String model) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record EmbeddingResponse(String model, int dimensions, List<EmbeddingData> data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record EmbeddingData(int index, float[] embedding) {}

    /** RFC 9457 problem details, with the service's {@code index} and {@code reason} extensions. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Problem(String type, String title, Integer status, String detail, Integer index, String reason) {}
}
