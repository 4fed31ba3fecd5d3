package dev.loupe.search.collection;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /v1/collections}. */
@Schema(name = "CreateCollectionRequest", description = "A collection to create")
@JsonPropertyOrder({"name", "kind", "model", "analysis", "fields"})
public record CreateCollectionRequest(
        @Schema(
                description = "Letters, digits and underscores, starting with a letter",
                required = true,
                examples = "qa")
        String name,

        @Schema(
                description = "photos (the default) or texts",
                enumeration = {"photos", "texts"})
        String kind,

        @Schema(
                description = "texts: the text model that embeds its records and queries (required); photos: the"
                        + " query model, which is the default",
                examples = "bge-small-en-v1.5")
        String model,

        @Schema(
                description = "texts: how texts become terms for lexical search; default cjk-bigram for Chinese"
                        + " models (-zh), standard otherwise",
                enumeration = {"standard", "cjk-bigram", "smart-chinese"})
        String analysis,

        @Schema(
                type = SchemaType.OBJECT,
                implementation = Map.class,
                description = "texts: metadata field types declared up front (string, integer, number, tags); a"
                        + " record whose value does not fit fails alone. Fields not declared take the type of their"
                        + " first value.",
                examples = "{\"grade\": \"integer\", \"tags\": \"tags\"}")
        Map<String, String> fields) {}
