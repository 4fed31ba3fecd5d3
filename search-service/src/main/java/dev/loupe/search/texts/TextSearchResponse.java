package dev.loupe.search.texts;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code POST /v1/texts/search} and {@code GET /v1/texts/{id}/similar}. */
@Schema(name = "TextSearchResponse", description = "Hits, best first")
@JsonPropertyOrder({"collection", "model", "mode", "hits"})
public record TextSearchResponse(
        @Schema(description = "The collection searched") String collection,

        @Schema(description = "The text model that embeds it")
        String model,

        @Schema(
                description = "How it was searched",
                enumeration = {"dense", "lexical", "hybrid"})
        String mode,

        @Schema(description = "Hits, best first") List<TextHitView> hits) {}
