package dev.loupe.search.classify;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of {@code POST /v1/classify}.
 *
 * @param model the model that embedded the labels
 * @param collection the collection of the photos; null for an uploaded image
 * @param labels the labels, in request order
 * @param templates how many prompt templates each label's embedding averages
 * @param total photos classified
 * @param histogram how many photos have each label as their most probable one, in label order; the
 *     counts sum to {@code total}
 * @param photos per-photo probabilities, at most {@code limit}: for {@code photoIds} in their order,
 *     otherwise the most confident first
 */
@Schema(name = "ClassifyResponse", description = "Label probabilities per photo and the label histogram")
@JsonPropertyOrder({"model", "collection", "labels", "templates", "total", "histogram", "photos"})
public record ClassifyResponse(
        String model,
        String collection,
        List<String> labels,

        @Schema(description = "Prompt templates averaged per label")
        int templates,

        @Schema(description = "Photos classified") long total,

        @Schema(description = "Top-1 counts per label, in label order; they sum to total")
        Map<String, Long> histogram,

        @Schema(description = "Per-photo probabilities (at most 'limit')")
        List<PhotoClassification> photos) {}
