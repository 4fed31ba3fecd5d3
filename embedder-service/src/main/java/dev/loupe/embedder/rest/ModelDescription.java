package dev.loupe.embedder.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.loupe.embedder.model.ServedModel;
import dev.loupe.encoders.ModelInfo;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One loaded model, as {@code GET /v1/models} lists it.
 *
 * @param id the model id (its bundle's directory name)
 * @param modalities what it embeds: {@code image}, {@code text}
 * @param dimensions the length of its embeddings
 * @param maxTokens the longest text in tokens; longer texts are truncated
 * @param imageSize the side of its square image input in pixels, 0 for text-only models
 * @param executionProvider where it runs: {@code cpu} or {@code cuda}
 * @param isDefault whether requests that name no model use it
 * @param queryPrompt what a client puts before a search query so it lands near the documents it should
 *     find (BGE's retrieval instruction, from the bundle's {@code config_sentence_transformers.json});
 *     empty when the model needs none
 */
@Schema(name = "Model", description = "A loaded model")
@JsonPropertyOrder({
    "id",
    "modalities",
    "dimensions",
    "maxTokens",
    "imageSize",
    "executionProvider",
    "default",
    "queryPrompt"
})
public record ModelDescription(
        @Schema(description = "Model id, to pass as 'model'", examples = "clip-vit-base-patch32")
        String id,

        @Schema(description = "What the model embeds", examples = "[\"image\", \"text\"]")
        List<String> modalities,

        @Schema(description = "Length of its embeddings", examples = "512")
        int dimensions,

        @Schema(description = "Longest text in tokens; longer texts are truncated", examples = "77")
        int maxTokens,

        @Schema(description = "Side of the square image input in pixels; 0 for text-only models", examples = "224")
        int imageSize,

        @Schema(
                description = "Where it runs",
                enumeration = {"cpu", "cuda"})
        String executionProvider,

        @Schema(description = "Whether requests that name no model use it") @JsonProperty("default")
        boolean isDefault,

        @Schema(
                description = "What to put before a search query (a retrieval instruction); empty when the model"
                        + " needs none",
                examples = "Represent this sentence for searching relevant passages: ")
        String queryPrompt) {

    static ModelDescription of(ServedModel model) {
        ModelInfo info = model.info();
        return new ModelDescription(
                info.id(),
                info.modalities().stream()
                        .map(modality -> modality.name().toLowerCase(Locale.ROOT))
                        .sorted()
                        .toList(),
                info.dimensions(),
                info.maxTokens(),
                info.imageSize(),
                info.executionProvider().name().toLowerCase(Locale.ROOT),
                model.isDefault(),
                info.queryPrompt());
    }
}
