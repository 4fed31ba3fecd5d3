package dev.loupe.classifier;

import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.VectorStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Applies a classifier to every photo of a collection (or those matching a filter): walks the records with
 * their vectors, counts the positives and keeps the best-scoring ones. Each page's positives can be handed
 * on as they are found (to tag them) without holding the whole collection.
 */
public final class CollectionScorer {

    /** Records per page of the walk. */
    static final int PAGE_SIZE = 1000;

    /** A photo the classifier calls positive. */
    public record ScoredPhoto(PhotoRecord record, double score, double probability) {}

    /**
     * @param scanned photos scored
     * @param positives photos at or above the probability threshold
     * @param best the highest-scoring positives, best first, at most the limit asked for
     */
    public record Result(long scanned, long positives, List<ScoredPhoto> best) {}

    private CollectionScorer() {}

    /**
     * @param threshold the probability from which a photo is positive, in (0, 1)
     * @param limit positives to return, at least 0
     * @param positivesPerPage receives each page's positives (possibly empty pages are not passed on)
     */
    public static Result apply(
            VectorStore store,
            String collection,
            Filter filter,
            LinearClassifier classifier,
            double threshold,
            int limit,
            Consumer<List<PhotoRecord>> positivesPerPage) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        double minScore = classifier.scoreAt(threshold);
        Comparator<ScoredPhoto> byScore = Comparator.comparingDouble(ScoredPhoto::score);
        PriorityQueue<ScoredPhoto> best = new PriorityQueue<>(byScore); // the worst kept on top
        long[] counts = new long[2]; // scanned, positives
        store.forEach(collection, filter, PAGE_SIZE, page -> {
            List<PhotoRecord> positives = new ArrayList<>();
            for (PhotoRecord record : page) {
                counts[0]++;
                double score = classifier.score(record.vector());
                if (score < minScore) {
                    continue;
                }
                counts[1]++;
                positives.add(record);
                if (limit > 0 && (best.size() < limit || score > best.peek().score())) {
                    best.add(new ScoredPhoto(record, score, classifier.probabilityOfScore(score)));
                    if (best.size() > limit) {
                        best.poll();
                    }
                }
            }
            if (!positives.isEmpty()) {
                positivesPerPage.accept(positives);
            }
        });
        List<ScoredPhoto> ranked = new ArrayList<>(best);
        ranked.sort(byScore.reversed());
        return new Result(counts[0], counts[1], ranked);
    }
}
