package dev.loupe.search.classify;

import dev.loupe.search.encoder.UnitVectors;
import java.util.List;

/**
 * The arithmetic of CLIP zero-shot classification (see the package documentation): prompt-ensemble
 * label embeddings and the softmax over labels.
 */
public final class ZeroShotClassifier {

    private ZeroShotClassifier() {}

    /**
     * The embedding of a label from the embeddings of its prompts: each normalised, averaged, and the
     * mean normalised again.
     *
     * @param prompts one embedding per template filled with the label (at least one)
     * @return a unit vector
     */
    public static float[] ensemble(List<float[]> prompts) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("a label needs at least one prompt embedding");
        }
        double[] sum = new double[prompts.getFirst().length];
        for (float[] prompt : prompts) {
            UnitVectors.addScaledUnit(sum, prompt, 1.0 / prompts.size());
        }
        return UnitVectors.unit(sum);
    }

    /**
     * The probability of each label for one image: {@code softmax(logitScale · cos(image, label_i))}.
     *
     * @param image the image's unit vector
     * @param labels one unit vector per label
     * @param logitScale the multiplier of the cosines (CLIP: 100)
     * @return one probability per label, in label order, summing to 1
     */
    public static double[] probabilities(float[] image, float[][] labels, double logitScale) {
        double[] logits = new double[labels.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < labels.length; i++) {
            logits[i] = logitScale * UnitVectors.dot(image, labels[i]);
            max = Math.max(max, logits[i]);
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            logits[i] = Math.exp(logits[i] - max); // shifted by the max: exp never overflows
            sum += logits[i];
        }
        for (int i = 0; i < logits.length; i++) {
            logits[i] /= sum;
        }
        return logits;
    }
}
