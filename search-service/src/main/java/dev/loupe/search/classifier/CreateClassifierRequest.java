package dev.loupe.search.classifier;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON body of {@code POST /v1/classifiers}. */
@Schema(
        name = "CreateClassifierRequest",
        description = "What the classifier should find: a prompt, example photos, or both")
@JsonPropertyOrder({"prompt", "examples", "collection", "filter", "name"})
public record CreateClassifierRequest(
        @Schema(
                description = "What to find, in words (at most loupe.limits.max-text-chars characters)",
                examples = "a photo of a sunflower")
        String prompt,

        @Schema(
                description = "Ids of photos of the collection that show it (at most loupe.classifiers.max-batch);"
                        + " they are labelled right")
        List<String> examples,

        @Schema(description = "Collection to label and apply to; the default collection when absent")
        String collection,

        @Schema(
                type = SchemaType.OBJECT,
                implementation = Map.class,
                description = "Restricts candidates and apply to the photos matching this filter (the search"
                        + " filter form)",
                examples = "{\"field\": \"source\", \"op\": \"eq\", \"value\": \"caltech\"}")
        JsonNode filter,

        @Schema(description = "A name for people (at most 200 characters); the prompt by default")
        String name) {}
