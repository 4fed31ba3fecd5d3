package dev.loupe.search.classifier;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The report of one training round: what {@code POST /v1/classifiers/{id}/train} answers, and a
 * session's {@code lastTraining}.
 *
 * @param round the session's round after this training (1 for the first)
 * @param loss the class-balanced mean logistic loss on the labels, after training
 * @param accuracy the fraction of labelled photos the classifier now gets right, in [0, 1]
 * @param positives labelled photos trained on as right (labels of photos no longer stored drop out)
 * @param threshold the learned threshold: the cosine at which the probability is one half
 */
@Schema(name = "TrainingRound", description = "Loss, accuracy and the change of the top photos after a round")
@JsonPropertyOrder({
    "round",
    "loss",
    "accuracy",
    "steps",
    "positives",
    "negatives",
    "threshold",
    "topChanged",
    "trainedAt"
})
public record TrainingRound(
        @Schema(description = "The session's round after this training (1 for the first)", examples = "1")
        int round,

        @Schema(description = "Class-balanced mean logistic loss on the labels after training")
        double loss,

        @Schema(description = "Fraction of the labels the classifier gets right, 0 to 1")
        double accuracy,

        @Schema(description = "Gradient steps taken") int steps,
        @Schema(description = "Photos trained on as right") int positives,
        @Schema(description = "Photos trained on as wrong") int negatives,

        @Schema(description = "Cosine score at which the probability is one half")
        double threshold,

        TopChanged topChanged,
        Instant trainedAt) {}
