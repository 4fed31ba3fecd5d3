package dev.loupe.classifier;

import org.apache.lucene.util.VectorUtil;

/** Small vector arithmetic on float arrays. */
final class Vectors {

    private Vectors() {}

    static double dot(float[] a, float[] b) {
        return VectorUtil.dotProduct(a, b);
    }

    /**
     * A unit-length copy.
     *
     * @throws IllegalArgumentException when the vector is empty, has a non-finite component or is zero
     */
    static float[] normalised(float[] v) {
        if (v == null || v.length == 0) {
            throw new IllegalArgumentException("a classifier's weight must not be empty");
        }
        double sum = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("a classifier's weight must be finite");
            }
            sum += (double) x * x;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("a classifier's weight must not be zero");
        }
        double norm = Math.sqrt(sum);
        float[] unit = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            unit[i] = (float) (v[i] / norm);
        }
        return unit;
    }
}
