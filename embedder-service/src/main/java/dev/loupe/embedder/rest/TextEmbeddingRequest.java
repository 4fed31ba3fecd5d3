package dev.loupe.embedder.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /v1/embeddings/text}.
 *
 * @param input the texts to embed, in order
 * @param model a model id from {@code GET /v1/models}; the default model when absent
 */
@Schema(name = "TextEmbeddingRequest", description = "Texts to embed with one model")
@JsonPropertyOrder({"input", "model"})
public record TextEmbeddingRequest(
        @Schema(
                description = "Texts to embed, in order (at most loupe.embedder.limits.max-items-per-request,"
                        + " each at most loupe.embedder.limits.max-text-chars characters)",
                required = true,
                examples = "[\"a house by the lake\", \"a dog on a beach\"]")
        @NotEmpty(message = "must hold at least one text")
        List<@NotNull(message = "must be a string, not null") String> input,

        @Schema(
                description = "Model id from GET /v1/models; the default model when absent",
                examples = "clip-vit-base-patch32")
        String model) {}
