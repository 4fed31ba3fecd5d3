package dev.loupe.testkit;

import java.util.SplittableRandom;

/**
 * Deterministic unit vectors shaped like image embeddings rather than uniform noise: a Gaussian mixture
 * in a 64-dimensional latent space (clusters around a common mean, as CLIP embeddings share a dominant
 * direction), projected to the output dimension by a fixed random matrix, plus isotropic noise, then
 * normalised. Vector {@code i} depends only on the seed and {@code i}, so a dataset can be regenerated
 * in any order, and queries come from the same distribution but never coincide with a stored vector.
 *
 * <p>With the defaults at 512 dimensions: about 17% of a vector's energy is noise, two random vectors
 * have a cosine near 0.17 and two of the same cluster near 0.65.
 */
public final class EmbeddingLikeVectors {

    public static final int LATENT = 64;
    public static final int CLUSTERS = 256;
    private static final double MEAN_NORM = Math.sqrt(22); // the shared direction: random-pair cosine ~0.17
    private static final double SPREAD = 0.6; // within-cluster standard deviation per latent dimension
    private static final double NOISE = 0.6; // per output dimension, before normalising
    private static final long QUERY_BASE = 1L << 40; // far above any dataset index

    private final long seed;
    private final int dimensions;
    private final double[][] centres;
    private final double[] projection; // LATENT rows of `dimensions`

    public EmbeddingLikeVectors(long seed, int dimensions) {
        this.seed = seed;
        this.dimensions = dimensions;
        SplittableRandom random = new SplittableRandom(seed);
        double[] mean = gaussian(random, LATENT, 1);
        double meanScale = MEAN_NORM / norm(mean);
        this.centres = new double[CLUSTERS][];
        for (int c = 0; c < CLUSTERS; c++) {
            double[] centre = gaussian(random, LATENT, 1);
            for (int j = 0; j < LATENT; j++) {
                centre[j] += mean[j] * meanScale;
            }
            centres[c] = centre;
        }
        this.projection = gaussian(random, LATENT * dimensions, 1 / Math.sqrt(LATENT));
    }

    public int dimensions() {
        return dimensions;
    }

    /** The dataset's vector number {@code index}, unit length. */
    public float[] vector(long index) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        double[] centre = centres[random.nextInt(CLUSTERS)];
        double[] out = new double[dimensions];
        for (int j = 0; j < LATENT; j++) {
            double z = centre[j] + SPREAD * random.nextGaussian();
            int row = j * dimensions;
            for (int d = 0; d < dimensions; d++) {
                out[d] += z * projection[row + d];
            }
        }
        for (int d = 0; d < dimensions; d++) {
            out[d] += NOISE * random.nextGaussian();
        }
        double inverse = 1 / norm(out);
        float[] unit = new float[dimensions];
        for (int d = 0; d < dimensions; d++) {
            unit[d] = (float) (out[d] * inverse);
        }
        return unit;
    }

    /** One line describing a dataset of {@code size} of these vectors and its queries, for a report. */
    public String describe(int size, int queries, int k) {
        return String.format(
                "dataset: %,d x %d embedding-like unit vectors (%d-d latent Gaussian mixture of %d clusters,"
                        + " projected, + noise; seed %d), %d queries from the same distribution, k = %d, cosine",
                size, dimensions, LATENT, CLUSTERS, seed, queries, k);
    }

    /** Query number {@code index}: same distribution, never one of the dataset's vectors. */
    public float[] query(int index) {
        return vector(QUERY_BASE + index);
    }

    private static double[] gaussian(SplittableRandom random, int n, double sigma) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = sigma * random.nextGaussian();
        }
        return v;
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
