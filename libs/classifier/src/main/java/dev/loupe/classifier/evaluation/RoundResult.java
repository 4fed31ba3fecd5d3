package dev.loupe.classifier.evaluation;

import java.util.List;

/**
 * Where a simulated session stands after one round of labelling and training.
 *
 * @param round 1 for the first round of labels; 0 for the start, before any label
 * @param proposed the ids the session proposed this round and the oracle labelled, best score first
 * @param labels labelled photos so far
 * @param positives of them, those of the target class
 * @param trained precision at k of the classifier trained on the labels so far (the prompt's at round 0)
 * @param prompt precision at k of the prompt's direction alone
 * @param averageVector precision at k of the average-vector baseline built from the same labels (the
 *     prompt's direction until the first positive label: the baseline needs one)
 * @param loss the trainer's loss on the labels after this round's training; NaN at round 0
 * @param accuracy the trained classifier's accuracy on the labels; NaN at round 0
 */
public record RoundResult(
        int round,
        List<String> proposed,
        int labels,
        int positives,
        Precision trained,
        Precision prompt,
        Precision averageVector,
        double loss,
        double accuracy) {

    public RoundResult {
        proposed = List.copyOf(proposed);
    }
}
