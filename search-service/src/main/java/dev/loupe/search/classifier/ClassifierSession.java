package dev.loupe.search.classifier;

import dev.loupe.classifier.LinearClassifier;
import java.time.Instant;

/**
 * A classifier session as stored: its current classifier, where it applies, and its label counts.
 *
 * @param prompt the text it started from; null when it started from examples or an import
 * @param filterJson the filter (the search API's JSON form) restricting the collection; null for none
 * @param modelId the model whose embedding space the classifier lives in
 * @param round training rounds so far
 * @param lastTraining the last round's report; null before the first
 */
public record ClassifierSession(
        String id,
        String name,
        String prompt,
        String collection,
        String filterJson,
        String modelId,
        LinearClassifier classifier,
        int round,
        LabelCounts labels,
        TrainingRound lastTraining,
        Instant createdAt,
        Instant updatedAt) {}
