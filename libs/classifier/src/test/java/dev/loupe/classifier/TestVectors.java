package dev.loupe.classifier;

import java.util.Random;

/** Seeded unit vectors around chosen directions. */
final class TestVectors {

    private final Random random;
    private final int dimension;

    TestVectors(long seed, int dimension) {
        this.random = new Random(seed);
        this.dimension = dimension;
    }

    /** A random unit vector. */
    float[] any() {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalised(v);
    }

    /** A unit vector near {@code center}: the center plus Gaussian noise of the given size per unit length. */
    float[] near(float[] center, double noise) {
        float[] v = new float[dimension];
        double perComponent = noise / Math.sqrt(dimension);
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) (center[i] + random.nextGaussian() * perComponent);
        }
        return Vectors.normalised(v);
    }
}
