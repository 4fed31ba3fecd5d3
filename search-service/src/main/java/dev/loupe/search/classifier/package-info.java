/**
 * Classifier sessions: a fine-grained classifier trained in a few clicks over a whole collection, on the
 * algorithms of {@link dev.loupe.classifier}.
 *
 * <h2>A session</h2>
 *
 * A session holds one {@link dev.loupe.classifier.LinearClassifier} over the model's unit embeddings,
 * {@code p(right | x) = σ(scale · (w·x − threshold))} with {@code |w| = 1}, the collection (and optional
 * filter) it works on, and the photos labelled right or wrong so far. Sessions, labels and the last
 * training report are rows in PostgreSQL ({@link dev.loupe.search.classifier.ClassifierSessionRepository},
 * migration 2), so they survive restarts; the photos and vectors stay in the vector store (Lucene or
 * Milvus).
 *
 * <ol>
 *   <li><b>Start</b>: {@code w} is the prompt's text embedding, the mean of example photos' vectors
 *       (labelled right), or the normalised sum of both. The threshold starts at the score of the
 *       {@code loupe.classifiers.initial-positives}-th (50th) nearest photo, at most half of the photos in
 *       scope, so applying an untrained session calls about that many photos positive rather than all.
 *   <li><b>Candidates</b>: the top photos by {@code w} with every labelled id excluded by the store's
 *       search itself ({@link dev.loupe.classifier.HardExamples}), so a labelled photo never comes back
 *       however many there are; optionally a share from near the decision boundary.
 *   <li><b>Labels</b>: right, wrong, or removed; a photo has one label per session, the last given.
 *   <li><b>Train</b>: {@link dev.loupe.classifier.LogisticTrainer} from the current classifier on the
 *       labelled photos' stored vectors (class-balanced logistic loss, {@code w} renormalised after every
 *       step, threshold learned). The report gives the loss, the accuracy on the labels, and how many of
 *       the classifier's top {@code loupe.classifiers.top-k} (50) photos entered or left. A round stores
 *       only if no other round was stored since it read the session (409 otherwise).
 *   <li><b>Apply</b>: {@link dev.loupe.classifier.CollectionScorer} walks the collection page by page,
 *       counts the photos at or above a probability, keeps the best, and optionally adds a tag to every
 *       positive (upserting each page's positives as it goes).
 *   <li><b>Export / import</b>: the weights, threshold and scale with the model id as JSON ({@code
 *       loupe-classifier/1}); an import must match this service's model and dimension.
 * </ol>
 *
 * <h2>Bounds</h2>
 *
 * Labels per session {@code loupe.classifiers.max-labels} (10,000: the excluded ids of every candidate
 * search and the vectors of every round), ids per labels request {@code max-batch} (1,000), sessions
 * {@code max-sessions} (1,000), candidates per request 100, listed positives 1,000, prompt {@code
 * loupe.limits.max-text-chars}, name 200 characters, tag 256 characters (and 256 tags per photo: a photo
 * with as many keeps its tags).
 */
package dev.loupe.search.classifier;
