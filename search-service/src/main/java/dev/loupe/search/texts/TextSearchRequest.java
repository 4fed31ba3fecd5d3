package dev.loupe.search.texts;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /v1/texts/search}. */
@Schema(name = "TextSearchRequest", description = "What to look for in a text collection, and how")
@JsonPropertyOrder({"collection", "text", "mode", "limit", "offset", "minScore", "filter", "fusion"})
public record TextSearchRequest(
        @Schema(description = "The text collection to search", required = true, examples = "qa")
        String collection,

        @Schema(
                description = "What to look for: a question, a paraphrase, or a fragment of one",
                required = true,
                examples = "solve a quadratic equation")
        String text,

        @Schema(
                description = "dense (by meaning), lexical (by words, BM25) or hybrid (both fused); default"
                        + " loupe.texts.mode (hybrid)",
                enumeration = {"dense", "lexical", "hybrid"})
        String mode,

        @Schema(description = "Hits to answer, 1 to 1000 (default 10)", examples = "10")
        Long limit,

        @Schema(description = "Hits to skip first, 0 to 10000 (default 0)", examples = "0")
        Long offset,

        @Schema(
                description = "Drop hits scoring below this: a cosine (dense), a BM25 score (lexical) or the fused"
                        + " score (hybrid, 0 to 1 with convex fusion)")
        Double minScore,

        @Schema(
                type = SchemaType.OBJECT,
                implementation = Map.class,
                description = "Metadata filter in the photo filter language, with metadata fields named directly:"
                        + " {\"field\": \"subject\", \"op\": \"eq\", \"value\": \"math\"}; fields id and the"
                        + " collection's metadata fields (GET /v1/collections lists them with their types)",
                examples = "{\"field\": \"grade\", \"op\": \"gte\", \"value\": 7}")
        JsonNode filter,

        @Schema(description = "Hybrid fusion for this request; loupe.texts.* when absent")
        Fusion fusion) {

    /** A request's own fusion settings. */
    @Schema(name = "TextFusion", description = "How a hybrid search fuses its two rankings")
    public record Fusion(
            @Schema(
                    description = "convex (weighted sum of per-query min-max normalised scores) or rrf (weighted"
                            + " reciprocal-rank fusion)",
                    enumeration = {"convex", "rrf"})
            String method,

            @Schema(description = "The dense ranking's share, 0 (words only) to 1 (meaning only)", examples = "0.5")
            Double denseWeight) {}
}
