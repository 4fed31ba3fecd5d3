package dev.loupe.vectorstore;

import java.util.Set;

/**
 * A k-NN search.
 *
 * @param vector the normalised query vector
 * @param filter records must match it; {@link Filter#all()} for none
 * @param limit hits to return, 1..1000
 * @param offset hits to skip first (pagination), 0..10000
 * @param excludeIds ids never returned (already labelled, the query photo itself)
 * @param minScore hits below this cosine are dropped; null for none
 * @param includeVectors whether hits carry their vectors (classifier training needs them)
 */
public record SearchQuery(
        float[] vector,
        Filter filter,
        int limit,
        int offset,
        Set<String> excludeIds,
        Float minScore,
        boolean includeVectors) {

    public static final int MAX_LIMIT = 1000;
    public static final int MAX_OFFSET = 10_000;

    public SearchQuery {
        if (vector == null || vector.length == 0) {
            throw new IllegalArgumentException("query vector must not be empty");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("offset must be between 0 and " + MAX_OFFSET + ", got " + offset);
        }
        filter = filter == null ? Filter.all() : filter;
        excludeIds = excludeIds == null ? Set.of() : Set.copyOf(excludeIds);
    }

    public static SearchQuery of(float[] vector, int limit) {
        return new SearchQuery(vector, Filter.all(), limit, 0, Set.of(), null, false);
    }
}
