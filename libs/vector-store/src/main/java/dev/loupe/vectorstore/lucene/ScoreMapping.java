package dev.loupe.vectorstore.lucene;

import org.apache.lucene.index.VectorSimilarityFunction;

/** Converts Lucene's non-negative vector scores back to the similarity the port promises. */
final class ScoreMapping {

    private ScoreMapping() {}

    /**
     * DOT_PRODUCT on unit vectors scores {@code (1 + cos) / 2}; MAXIMUM_INNER_PRODUCT scores {@code
     * dot + 1} for a non-negative dot and {@code 1 / (1 - dot)} below zero.
     */
    static float toSimilarity(VectorSimilarityFunction similarity, float score) {
        if (similarity == VectorSimilarityFunction.DOT_PRODUCT) {
            return Math.clamp(2f * score - 1f, -1f, 1f);
        }
        return score < 1f ? 1f - 1f / score : score - 1f;
    }

    /** A unit-length copy. */
    static float[] normalised(float[] vector) {
        double norm = 0;
        for (float x : vector) {
            norm += (double) x * x;
        }
        if (!(norm > 0) || Double.isInfinite(norm)) {
            throw new IllegalArgumentException("a vector must have a finite, non-zero length to be compared by cosine");
        }
        float inverse = (float) (1 / Math.sqrt(norm));
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = vector[i] * inverse;
        }
        return unit;
    }
}
