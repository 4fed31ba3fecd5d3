package dev.loupe.search.collection;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One collection, as {@code GET /v1/collections} lists it.
 *
 * @param model the id of the model that embeds queries against it; null when its dimension differs
 *     (another model built it)
 */
@Schema(name = "Collection", description = "A collection of photos or of texts")
@JsonPropertyOrder({"name", "kind", "dimension", "metric", "count", "model", "default", "analysis", "fields"})
public record CollectionView(
        @Schema(description = "Name", examples = "photos") String name,

        @Schema(
                description = "What it holds",
                enumeration = {"photos", "texts"})
        String kind,

        @Schema(description = "Length of its vectors", examples = "512")
        int dimension,

        @Schema(
                description = "How vectors are compared",
                enumeration = {"cosine", "dot_product"})
        String metric,

        @Schema(description = "Records (photos, texts) it holds")
        long count,

        @Schema(
                description =
                        "Model that embeds its records and queries; for photos null when another model built" + " it")
        String model,

        @Schema(description = "Whether requests that name no collection use it") @JsonProperty("default")
        boolean isDefault,

        @Schema(
                description = "Texts: how texts and queries become terms for lexical search",
                enumeration = {"standard", "cjk-bigram", "smart-chinese"})
        String analysis,

        @Schema(
                type = SchemaType.OBJECT,
                implementation = Map.class,
                description = "Texts: the metadata fields and their types (string, integer, number, tags), the"
                        + " fields filters name",
                examples = "{\"subject\": \"string\", \"grade\": \"integer\"}")
        Map<String, String> fields) {

    /** A photo collection. */
    static CollectionView photos(
            String name, int dimension, String metric, long count, String model, boolean isDefault) {
        return new CollectionView(name, "photos", dimension, metric, count, model, isDefault, null, null);
    }

    /** A text collection. */
    static CollectionView texts(dev.loupe.vectorstore.texts.TextCollectionInfo info, long count) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        info.fields().forEach((field, type) -> fields.put(field, type.wireName()));
        return new CollectionView(
                info.spec().name(),
                "texts",
                info.spec().dimensions(),
                "cosine",
                count,
                info.spec().modelId(),
                false,
                info.spec().analysis().wireName(),
                fields);
    }
}
