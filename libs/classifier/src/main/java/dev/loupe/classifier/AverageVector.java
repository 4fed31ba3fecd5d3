package dev.loupe.classifier;

import java.util.List;

/**
 * The "average vector" recommendation baseline: {@code 2·mean(positives) − mean(negatives)}, normalised (the
 * mean of the positives alone when there are no negatives). What simple recommenders do with the same labels;
 * the evaluation harness compares trained classifiers against it.
 */
public final class AverageVector {

    private AverageVector() {}

    /**
     * @throws IllegalArgumentException when there is no positive label
     */
    public static float[] of(List<LabelledVector> labels) {
        List<LabelledVector> positives =
                labels.stream().filter(LabelledVector::positive).toList();
        List<LabelledVector> negatives =
                labels.stream().filter(l -> !l.positive()).toList();
        if (positives.isEmpty()) {
            throw new IllegalArgumentException("the average vector needs at least one positive label");
        }
        float[] positiveMean = mean(positives);
        if (negatives.isEmpty()) {
            return Vectors.normalised(positiveMean);
        }
        float[] negativeMean = mean(negatives);
        float[] v = new float[positiveMean.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * positiveMean[i] - negativeMean[i];
        }
        return Vectors.normalised(v);
    }

    private static float[] mean(List<LabelledVector> labels) {
        float[] sum = new float[labels.getFirst().vector().length];
        for (LabelledVector label : labels) {
            float[] x = label.vector();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += x[i] / labels.size();
            }
        }
        return sum;
    }
}
