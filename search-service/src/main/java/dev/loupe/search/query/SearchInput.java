package dev.loupe.search.query;

import dev.loupe.search.encoder.UploadedImage;
import dev.loupe.vectorstore.Filter;

/**
 * A search request with its values parsed, from either body form. Blank texts count as absent.
 *
 * @param text what to look for, or null
 * @param image an uploaded example image, or null
 * @param imageUrl an example image's URL (unchecked text), or null
 * @param photoId a stored photo whose vector is a query part, or null
 * @param negativeText what to steer away from, or null
 * @param collection the collection to search, or null for the default one
 * @param limit hits to answer, 1..1000
 * @param offset hits to skip first, 0..10000
 * @param minScore hits below this cosine are dropped; null for none
 */
public record SearchInput(
        String text,
        UploadedImage image,
        String imageUrl,
        String photoId,
        String negativeText,
        SearchWeights weights,
        Filter filter,
        String collection,
        int limit,
        int offset,
        Float minScore) {

    /** Hits answered when a request names no {@code limit}. */
    public static final int DEFAULT_LIMIT = 20;

    public SearchInput {
        text = blankToNull(text);
        imageUrl = blankToNull(imageUrl);
        photoId = blankToNull(photoId);
        negativeText = blankToNull(negativeText);
        collection = blankToNull(collection);
        weights = weights == null ? SearchWeights.DEFAULT : weights;
        filter = filter == null ? Filter.all() : filter;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
