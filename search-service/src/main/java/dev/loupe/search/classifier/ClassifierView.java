package dev.loupe.search.classifier;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A classifier session as the API shows it (without its weights: see the export). */
@Schema(name = "Classifier", description = "A classifier session: where it applies, its labels and its last round")
@JsonPropertyOrder({
    "id",
    "name",
    "prompt",
    "collection",
    "filter",
    "modelId",
    "dimension",
    "round",
    "labels",
    "threshold",
    "scale",
    "createdAt",
    "updatedAt",
    "lastTraining"
})
public record ClassifierView(
        @Schema(description = "Session id", examples = "3f1c2e9a-5b7d-4c1e-9f00-2a6b8c4d1e7f")
        String id,

        @Schema(description = "A name for people; the prompt by default")
        String name,

        @Schema(description = "The text the session started from; null when it started from examples or an import")
        String prompt,

        @Schema(description = "Collection the session labels and applies to")
        String collection,

        @Schema(
                type = SchemaType.OBJECT,
                implementation = Map.class,
                description = "Filter restricting the collection (the search filter form); null for none")
        JsonNode filter,

        @Schema(description = "Model whose embedding space the classifier lives in")
        String modelId,

        @Schema(description = "Length of the classifier's weight vector")
        int dimension,

        @Schema(description = "Training rounds so far") int round,
        LabelCounts labels,

        @Schema(description = "Cosine score at which the probability of 'right' is one half")
        double threshold,

        @Schema(description = "Sharpness: logits per unit of cosine around the threshold")
        double scale,

        Instant createdAt,
        Instant updatedAt,

        @Schema(description = "The last training round; absent before the first")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        TrainingRound lastTraining) {}
