package dev.loupe.search.classifier;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code POST /v1/classifiers/{id}/apply}. */
@Schema(name = "ApplyResponse", description = "The positives of a classifier over its collection")
@JsonPropertyOrder({"scanned", "positives", "tagged", "hits"})
public record ApplyResponse(
        @Schema(description = "Photos scored (the collection, or those its filter matches)")
        long scanned,

        @Schema(description = "Photos at or above the probability threshold")
        long positives,

        @Schema(description = "Positives carrying the tag afterwards (0 without a tag)")
        long tagged,

        @Schema(description = "The most probable positives, best first, at most 'limit'")
        List<ClassifiedPhoto> hits) {}
