package dev.loupe.classifier;

import java.util.Arrays;

/**
 * A linear classifier over unit embeddings: {@code p(positive | x) = σ(scale · (w·x − threshold))} with
 * {@code |w| = 1}. Its score {@code w·x} is the cosine between a photo and the classifier's direction, so
 * a vector store searched with {@code w} returns the classifier's most confident positives first.
 *
 * @param weight the direction, stored as a unit-length copy
 * @param threshold the score at which the probability is one half (the learned bias, in cosine units)
 * @param scale how sharply the probability rises around the threshold, in logits per unit of cosine
 */
public record LinearClassifier(float[] weight, double threshold, double scale) {

    /** The sharpness new classifiers start with: a cosine 0.1 above the threshold is a probability of 0.95. */
    public static final double DEFAULT_SCALE = 30;

    public LinearClassifier {
        weight = Vectors.normalised(weight);
        if (!Double.isFinite(threshold) || threshold < -1 || threshold > 1) {
            throw new IllegalArgumentException(
                    "a classifier's threshold must be a cosine in [-1, 1], got " + threshold);
        }
        if (!Double.isFinite(scale) || scale <= 0) {
            throw new IllegalArgumentException("a classifier's scale must be positive, got " + scale);
        }
    }

    /** A classifier pointing at a direction (a prompt's text embedding, a mean of examples), threshold 0. */
    public static LinearClassifier toward(float[] direction) {
        return new LinearClassifier(direction, 0, DEFAULT_SCALE);
    }

    public LinearClassifier withThreshold(double threshold) {
        return new LinearClassifier(weight, threshold, scale);
    }

    public int dimension() {
        return weight.length;
    }

    /** The cosine between the direction and a unit vector. */
    public double score(float[] vector) {
        if (vector.length != weight.length) {
            throw new IllegalArgumentException(
                    "vector has " + vector.length + " dimensions, the classifier " + weight.length);
        }
        return Vectors.dot(weight, vector);
    }

    /** The probability that a photo with this score is positive. */
    public double probabilityOfScore(double score) {
        return sigmoid(scale * (score - threshold));
    }

    public double probability(float[] vector) {
        return probabilityOfScore(score(vector));
    }

    /** The score at which the probability reaches {@code probability} (in (0, 1)). */
    public double scoreAt(double probability) {
        if (!(probability > 0 && probability < 1)) {
            throw new IllegalArgumentException("a probability threshold must be in (0, 1), got " + probability);
        }
        return threshold + Math.log(probability / (1 - probability)) / scale;
    }

    /** A copy of the unit direction. */
    @Override
    public float[] weight() {
        return weight.clone();
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearClassifier other
                && Arrays.equals(weight, other.weight)
                && Double.compare(threshold, other.threshold) == 0
                && Double.compare(scale, other.scale) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(weight) + Double.hashCode(threshold)) + Double.hashCode(scale);
    }

    @Override
    public String toString() {
        return "LinearClassifier[dimension=" + weight.length + ", threshold=" + threshold + ", scale=" + scale + "]";
    }
}
