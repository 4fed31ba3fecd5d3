package dev.loupe.classifier.evaluation;

import java.util.Random;

/** Seeded unit vectors in well-separated clusters, one cluster per class, for simulated sessions. */
final class SyntheticClusters {

    private final Random random;
    private final int dimension;
    private final float[][] centres;

    SyntheticClusters(long seed, int dimension, int classes) {
        this.random = new Random(seed);
        this.dimension = dimension;
        this.centres = new float[classes][];
        for (int c = 0; c < classes; c++) {
            centres[c] = unit(gaussian(1));
        }
    }

    /** {@code perClass} photos of every class, class by class; each its centre plus noise of the given size. */
    LabelledCollection collection(int perClass, double noise) {
        float[][] vectors = new float[centres.length * perClass][];
        int[] classes = new int[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            classes[i] = i / perClass;
            vectors[i] = near(centres[classes[i]], noise);
        }
        return new LabelledCollection(vectors, classes);
    }

    float[] centre(int label) {
        return centres[label].clone();
    }

    /** {@code a·centre(first) + b·centre(second)}, a direction between two classes. */
    float[] mix(int first, double a, int second, double b) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) (a * centres[first][i] + b * centres[second][i]);
        }
        return unit(v);
    }

    private float[] near(float[] centre, double noise) {
        float[] v = gaussian(noise / Math.sqrt(dimension));
        for (int i = 0; i < dimension; i++) {
            v[i] += centre[i];
        }
        return unit(v);
    }

    private float[] gaussian(double sigma) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) (sigma * random.nextGaussian());
        }
        return v;
    }

    static float[] unit(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        float[] unit = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            unit[i] = (float) (v[i] / Math.sqrt(sum));
        }
        return unit;
    }
}
