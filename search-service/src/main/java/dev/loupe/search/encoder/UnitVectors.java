package dev.loupe.search.encoder;

/** Arithmetic on embedding vectors, accumulated in double precision. */
public final class UnitVectors {

    private UnitVectors() {}

    /** The dot product; the cosine when both vectors have unit length. */
    public static double dot(float[] a, float[] b) {
        requireSameLength(a, b);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    /** The Euclidean length. */
    public static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    /** Adds {@code weight × v / |v|} to {@code sum}; a zero {@code v} adds nothing. */
    public static void addScaledUnit(double[] sum, float[] v, double weight) {
        if (sum.length != v.length) {
            throw new IllegalArgumentException("vectors of " + sum.length + " and " + v.length + " dimensions");
        }
        double squares = 0;
        for (float x : v) {
            squares += (double) x * x;
        }
        if (squares == 0) {
            return;
        }
        double scale = weight / Math.sqrt(squares);
        for (int i = 0; i < v.length; i++) {
            sum[i] += scale * v[i];
        }
    }

    /** {@code v / |v|} as floats; {@code v} must not be zero. */
    public static float[] unit(double[] v) {
        double norm = norm(v);
        if (norm == 0) {
            throw new IllegalArgumentException("a zero vector has no direction");
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    private static void requireSameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " dimensions");
        }
    }
}
