package dev.loupe.search.query;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.search.problem.RequestNumbers;
import dev.loupe.vectorstore.FilterJson;
import dev.loupe.vectorstore.SearchQuery;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON body of {@code POST /v1/search}; the multipart form has the same fields plus {@code image}. */
@Schema(
        name = "SearchRequest",
        description = "What to look for: any of text, imageUrl and photoId, optionally"
                + " negativeText, with weights, a filter and paging")
@JsonPropertyOrder({
    "text",
    "imageUrl",
    "photoId",
    "negativeText",
    "weights",
    "filter",
    "collection",
    "limit",
    "offset",
    "minScore"
})
public record SearchRequest(
        @Schema(description = "What to look for, in words", examples = "a house by the lake")
        String text,

        @Schema(description = "URL of an example image (refused unless this deployment fetches URLs)")
        String imageUrl,

        @Schema(description = "Id of a stored photo to search like", examples = "caltech_pizza.jpg")
        String photoId,

        @Schema(description = "What to steer away from, in words", examples = "people")
        String negativeText,

        @Schema(
                type = SchemaType.OBJECT,
                implementation = Map.class,
                description = "Weight of each part: text, image, photo (1 each by default), negativeText (0.5);"
                        + " numbers from 0 to 100",
                examples = "{\"text\": 1, \"image\": 1, \"negativeText\": 0.5}")
        JsonNode weights,

        @Schema(
                type = SchemaType.OBJECT,
                implementation = Map.class,
                description = "Metadata filter: {\"field\", \"op\", \"value\"} comparisons (ops eq, ne, gt, gte, lt,"
                        + " lte, in, not_in, contains) combined with {\"and\": [...]}, {\"or\": [...]},"
                        + " {\"not\": {...}}; fields id, url, title, source, width, height, takenAt, indexedAt,"
                        + " tags, extra.<key>",
                examples = "{\"field\": \"tags\", \"op\": \"contains\", \"value\": \"cat\"}")
        JsonNode filter,

        @Schema(description = "Collection to search; the default collection when absent", examples = "photos")
        String collection,

        @Schema(description = "Hits to answer, 1 to 1000 (default 20)", examples = "20")
        Long limit,

        @Schema(description = "Hits to skip first, 0 to 10000 (default 0)", examples = "0")
        Long offset,

        @Schema(description = "Drop hits whose cosine similarity is below this, -1 to 1")
        Double minScore) {

    /** Parses the nested JSON values and checks the numeric bounds. */
    SearchInput toInput() {
        return new SearchInput(
                text,
                null,
                imageUrl,
                photoId,
                negativeText,
                SearchWeights.parse(weights),
                FilterJson.parse(filter),
                collection,
                limit == null
                        ? SearchInput.DEFAULT_LIMIT
                        : RequestNumbers.integer("limit", limit, 1, SearchQuery.MAX_LIMIT),
                offset == null ? 0 : RequestNumbers.integer("offset", offset, 0, SearchQuery.MAX_OFFSET),
                minScore == null ? null : (float) RequestNumbers.decimal("minScore", minScore, -1, 1));
    }
}
