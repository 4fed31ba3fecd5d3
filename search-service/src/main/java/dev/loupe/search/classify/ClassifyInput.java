package dev.loupe.search.classify;

import dev.loupe.search.encoder.UploadedImage;
import dev.loupe.vectorstore.Filter;
import java.util.List;

/**
 * A classification request with its values parsed, from either body form.
 *
 * @param labels the labels to choose from
 * @param templates prompt templates with {@code {}}, or null for the 80 ImageNet templates
 * @param photoIds the stored photos to classify, or null
 * @param filter classify the stored photos matching it, or null (all, when nothing else is named)
 * @param image an uploaded image to classify instead of stored photos, or null
 * @param collection the collection of the stored photos, or null for the default one
 * @param limit most photos listed in the answer (the histogram counts all)
 */
public record ClassifyInput(
        List<String> labels,
        List<String> templates,
        List<String> photoIds,
        Filter filter,
        UploadedImage image,
        String collection,
        int limit) {

    /** Photos listed when a request names no {@code limit}. */
    public static final int DEFAULT_LIMIT = 100;

    public ClassifyInput {
        collection = collection == null || collection.isBlank() ? null : collection;
    }
}
