package dev.loupe.embedder.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One embedding of a response.
 *
 * @param index the zero-based position of the input item it embeds
 * @param embedding the L2-normalised vector; serialised from the primitive array without boxing
 */
@Schema(name = "EmbeddingData", description = "The embedding of one input item")
@JsonPropertyOrder({"index", "embedding"})
public record EmbeddingData(
        @Schema(description = "Zero-based position of the input item (text or file part)", examples = "0")
        int index,

        @Schema(description = "L2-normalised embedding; cosine similarity is the dot product", required = true)
        float[] embedding) {}
