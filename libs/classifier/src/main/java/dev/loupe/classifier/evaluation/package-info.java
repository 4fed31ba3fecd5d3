/**
 * The evaluation harness for classifier sessions: a simulated user on a labelled photo collection.
 *
 * <h2>The simulation</h2>
 *
 * {@link dev.loupe.classifier.evaluation.SessionSimulator} holds a {@link
 * dev.loupe.classifier.evaluation.LabelledCollection} (unit embeddings and a class per photo) in a real
 * {@link dev.loupe.vectorstore.VectorStore} collection. One session per target class: the classifier starts as
 * the prompt's direction ({@link dev.loupe.classifier.LinearClassifier#toward}); each round {@link
 * dev.loupe.classifier.HardExamples#propose} proposes the photos to label (the store excludes the labelled
 * ids, as in the search service), an oracle labels them by their class (positive when it is the target), and
 * {@link dev.loupe.classifier.LogisticTrainer} retrains on every label so far, starting from the last round's
 * classifier. The simulation draws no random numbers; only the approximate k-NN search (its segments, merged
 * in the background) can make two runs on the same embeddings propose differently.
 *
 * <h2>What is measured</h2>
 *
 * After every round, three directions are ranked against the whole collection: the trained classifier's, the
 * prompt's alone, and the "average vector" recommendation baseline {@code 2·mean(positives) −
 * mean(negatives)} of the same labels ({@link dev.loupe.classifier.AverageVector}; the prompt's direction
 * until there is a positive label, since the baseline needs one). {@link
 * dev.loupe.classifier.evaluation.Precision} at k (k = 50 by default) is the share of the target class
 * among the k photos with the highest cosine to the direction, every photo scored exactly, ties ranked by
 * index, always divided by k; it is reported twice: over the whole collection ("all", labelled photos
 * included: what the user sees when the classifier is applied) and over the photos not labelled yet
 * ("unlabelled": how far the direction generalises beyond what the oracle already told it). Round 0 is the
 * prompt alone. {@link dev.loupe.classifier.evaluation.SessionReport} averages the sessions round by round.
 * A class with fewer than k photos cannot reach a precision of 1, which is why the command's default targets
 * are the classes with at least k photos.
 *
 * <h2>The command</h2>
 *
 * {@link dev.loupe.classifier.evaluation.SessionHarness} ({@code ./loupe classifier-eval --model <bundle>})
 * embeds a Caltech-style folder (the folder is the class) with a model bundle through libs/encoders, prompts
 * each target with a template ("a photo of a {}." by default) filled with its name from {@code
 * classnames.tsv}, keeps the collection in a Lucene store in a temporary directory, and prints the tables as
 * Markdown. With random weights (the bundled {@code models/clip-tiny-random}) every number is chance and the
 * report says so: the harness is for real weights.
 */
package dev.loupe.classifier.evaluation;
