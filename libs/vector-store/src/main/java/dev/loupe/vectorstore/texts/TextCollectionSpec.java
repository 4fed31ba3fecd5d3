package dev.loupe.vectorstore.texts;

import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.IndexSettings;
import dev.loupe.vectorstore.lexical.TextAnalysis;

/**
 * What a text collection is created with. Vectors are compared by cosine (text models' embeddings are
 * normalised).
 *
 * @param name letters, digits and underscores, starting with a letter (the rule photo collections follow)
 * @param dimensions the model's vector length
 * @param modelId the text model that embeds its records and queries ({@code bge-small-zh-v1.5})
 * @param analysis how texts and queries become terms for lexical search
 * @param index the vector index's parameters
 */
public record TextCollectionSpec(
        String name, int dimensions, String modelId, TextAnalysis analysis, IndexSettings index) {

    public TextCollectionSpec {
        // the photo spec holds the shared name and dimension rules
        new CollectionSpec(name, dimensions, dev.loupe.vectorstore.Metric.COSINE, IndexSettings.DEFAULT);
        if (modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException("a text collection needs a model id");
        }
        if (analysis == null || index == null) {
            throw new IllegalArgumentException("text analysis and index settings must not be null");
        }
    }

    /** A collection with the model's default analysis and the default index. */
    public static TextCollectionSpec of(String name, int dimensions, String modelId) {
        return new TextCollectionSpec(
                name, dimensions, modelId, TextAnalysis.defaultFor(modelId), IndexSettings.DEFAULT);
    }
}
