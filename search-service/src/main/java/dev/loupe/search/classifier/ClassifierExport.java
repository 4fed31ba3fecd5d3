package dev.loupe.search.classifier;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A classifier as portable JSON: what {@code GET /v1/classifiers/{id}/export} answers and {@code POST
 * /v1/classifiers/import} reads. Another Loupe (or any program) scores a unit embedding {@code x} of
 * the same model as {@code p = 1 / (1 + exp(-scale · (weights·x − threshold)))}.
 */
@Schema(
        name = "ClassifierExport",
        description = "A linear classifier over a model's unit embeddings: p(right | x) = σ(scale · (weights·x −"
                + " threshold))")
@JsonPropertyOrder({
    "format",
    "name",
    "modelId",
    "dimension",
    "prompt",
    "collection",
    "weights",
    "threshold",
    "scale",
    "labels",
    "exportedAt"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClassifierExport(
        @Schema(description = "Always " + ClassifierExport.FORMAT, required = true, examples = ClassifierExport.FORMAT)
        String format,

        @Schema(description = "The session's name") String name,

        @Schema(description = "Model whose unit embeddings the classifier scores", required = true)
        String modelId,

        @Schema(description = "Number of weights", required = true)
        Integer dimension,

        @Schema(description = "The prompt the session started from, if any")
        String prompt,

        @Schema(description = "Collection it was trained on; an import uses it when it exists there")
        String collection,

        @Schema(description = "The unit direction", required = true)
        float[] weights,

        @Schema(description = "Cosine at which the probability is one half, -1 to 1", required = true)
        Double threshold,

        @Schema(description = "Logits per unit of cosine, above 0 (default 30)")
        Double scale,

        @Schema(description = "Labels it was trained on (informative; an import brings no labels)")
        LabelCounts labels,

        Instant exportedAt) {

    /** The format this service writes and reads. */
    public static final String FORMAT = "loupe-classifier/1";
}
