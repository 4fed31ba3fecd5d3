/**
 * Fine-grained classifiers over unit embeddings, trained a few labels at a time: a {@link
 * dev.loupe.classifier.LinearClassifier} (a unit direction, a threshold and a sharpness), the {@link
 * dev.loupe.classifier.LogisticTrainer} that fits it to labelled vectors, {@link
 * dev.loupe.classifier.HardExamples} that proposes what to label next from a {@link
 * dev.loupe.vectorstore.VectorStore}, and {@link dev.loupe.classifier.CollectionScorer} that applies a
 * classifier to a whole collection. Plain Java: the search-service's sessions and the evaluation harness
 * share it.
 */
package dev.loupe.classifier;
