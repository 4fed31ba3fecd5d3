package dev.loupe.search.classifier;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON body of {@code POST /v1/classifiers/{id}/apply}; may be empty (every field has a default). */
@Schema(name = "ApplyRequest", description = "Which photos count as positive, how many to list, and a tag to add")
@JsonPropertyOrder({"threshold", "limit", "tag"})
public record ApplyRequest(
        @Schema(
                description = "Probability from which a photo is positive, strictly between 0 and 1 (default 0.5)",
                examples = "0.5")
        Double threshold,

        @Schema(description = "Most positives listed, 0 to 1000 (default 100); all are counted", examples = "100")
        Long limit,

        @Schema(
                description = "A tag added to every positive photo (at most 256 characters); filter on it with"
                        + " {\"field\": \"tags\", \"op\": \"contains\", \"value\": ...}",
                examples = "sunflower")
        String tag) {}
