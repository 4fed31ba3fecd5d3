package dev.loupe.embedder.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.loupe.embedder.service.Embeddings;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of both embedding endpoints.
 *
 * @param model the id of the model that produced the embeddings
 * @param dimensions the length of every embedding
 * @param data one entry per input item, in input order
 */
@Schema(name = "EmbeddingResponse", description = "Embeddings of the input items, in input order")
@JsonPropertyOrder({"model", "dimensions", "data"})
public record EmbeddingResponse(
        @Schema(description = "Id of the model that produced the embeddings", examples = "clip-vit-base-patch32")
        String model,

        @Schema(description = "Length of every embedding", examples = "512")
        int dimensions,

        @Schema(description = "One entry per input item, in input order")
        List<EmbeddingData> data) {

    static EmbeddingResponse of(Embeddings embeddings) {
        List<float[]> vectors = embeddings.vectors();
        List<EmbeddingData> data = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            data.add(new EmbeddingData(i, vectors.get(i)));
        }
        return new EmbeddingResponse(embeddings.model(), embeddings.dimensions(), data);
    }
}
