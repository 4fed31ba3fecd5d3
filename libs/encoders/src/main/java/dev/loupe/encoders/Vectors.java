package dev.loupe.encoders;

import java.nio.FloatBuffer;

/** Copies model outputs into per-item arrays, L2-normalising each row. */
final class Vectors {

    private Vectors() {}

    /** Splits a row-major {@code [rows, dimensions]} buffer into normalised rows. */
    static float[][] normalisedRows(FloatBuffer values, int rows, int dimensions) {
        if (values.remaining() != (long) rows * dimensions) {
            throw new IllegalStateException(
                    "model returned " + values.remaining() + " values, expected " + rows + " x " + dimensions);
        }
        float[][] out = new float[rows][dimensions];
        for (float[] row : out) {
            values.get(row);
            normalise(row);
        }
        return out;
    }

    /** Scales {@code vector} to unit length in place; an all-zero vector stays zero. */
    static void normalise(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        if (sum == 0) {
            return;
        }
        float scale = (float) (1.0 / Math.sqrt(sum));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
    }
}
