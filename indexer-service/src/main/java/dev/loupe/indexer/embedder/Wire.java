package dev.loupe.indexer.embedder;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The JSON bodies of embedder-service this client reads (unknown fields are ignored). */
final class Wire {

    private Wire() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelList(List<ModelEntry> data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelEntry(
            String id,
            List<String> modalities,
            int dimensions,
            @JsonProperty("default") boolean isDefault) {

        boolean embedsImages() {
            return modalities != null && modalities.contains("image");
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record EmbeddingResponse(String model, int dimensions, List<EmbeddingData> data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record EmbeddingData(int index, float[] embedding) {}

    /** RFC 9457 problem details, with the service's {@code index} and {@code reason} extensions. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Problem(String type, String title, Integer status, String detail, Integer index, String reason) {}
}
