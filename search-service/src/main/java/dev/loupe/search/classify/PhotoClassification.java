package dev.loupe.search.classify;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How one photo was classified.
 *
 * @param id the photo's id; null for an uploaded image
 * @param label the most probable label
 * @param probability its probability
 * @param probabilities every label's probability, in the request's label order; they sum to 1
 */
@Schema(name = "PhotoClassification", description = "The label probabilities of one photo")
@JsonPropertyOrder({"id", "label", "probability", "probabilities"})
public record PhotoClassification(
        @Schema(description = "Photo id; null for the uploaded image")
        String id,

        @Schema(description = "Most probable label") String label,
        @Schema(description = "Its probability") double probability,

        @Schema(description = "Every label's probability, in label order; they sum to 1")
        Map<String, Double> probabilities) {}
