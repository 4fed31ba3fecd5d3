package dev.loupe.search.classify;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.search.problem.RequestNumbers;
import dev.loupe.vectorstore.FilterJson;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON body of {@code POST /v1/classify}. */
@Schema(name = "ClassifyRequest", description = "Labels to choose from, and which stored photos to classify")
@JsonPropertyOrder({"labels", "templates", "photoIds", "filter", "collection", "limit"})
public record ClassifyRequest(
        @Schema(
                description = "Labels to choose from (2 to 1000, distinct)",
                required = true,
                examples = "[\"cat\", \"dog\", \"car\"]")
        List<String> labels,

        @Schema(
                description = "Prompt templates, each holding {} where the label goes (at most 100); default:"
                        + " OpenAI's 80 ImageNet templates",
                examples = "[\"a photo of a {}.\", \"a drawing of a {}.\"]")
        List<String> templates,

        @Schema(description = "Ids of the stored photos to classify (at most 10000); or use 'filter'")
        List<String> photoIds,

        @Schema(
                type = SchemaType.OBJECT,
                implementation = Map.class,
                description = "Classify the stored photos matching this filter (the search filter form); all"
                        + " photos when neither photoIds nor filter is given")
        JsonNode filter,

        @Schema(description = "Collection of the photos; the default collection when absent")
        String collection,

        @Schema(
                description =
                        "Most photos listed in the answer, 1 to 10000 (default 100); the histogram counts" + " all")
        Long limit) {

    /** Parses the filter and checks the numeric bounds. */
    ClassifyInput toInput(int maxPhotos) {
        return new ClassifyInput(
                labels,
                templates,
                photoIds,
                filter == null || filter.isNull() ? null : FilterJson.parse(filter),
                null,
                collection,
                limit == null ? ClassifyInput.DEFAULT_LIMIT : RequestNumbers.integer("limit", limit, 1, maxPhotos));
    }
}
