package dev.loupe.classifier;

import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchHit;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.VectorStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Proposes the photos worth labelling next: the classifier's nearest unlabelled photos (its most confident
 * positives, where its mistakes cost most), optionally mixed with photos near its decision boundary (where
 * it is least sure). Labelled ids are excluded by the store's search itself, so however many there are, a
 * labelled photo never comes back. Boundary photos are taken from a window of the nearest {@value
 * #BOUNDARY_WINDOW}× as many photos as asked for (at most {@value SearchQuery#MAX_LIMIT}): the ones whose
 * probability is closest to one half.
 */
public final class HardExamples {

    /** How many times the asked-for count the boundary search looks at. */
    static final int BOUNDARY_WINDOW = 10;

    /**
     * A proposed photo.
     *
     * @param id the photo
     * @param score the cosine between the photo and the classifier's direction
     * @param probability the classifier's probability that the photo is positive
     * @param boundary whether it was proposed for being near the decision boundary rather than near the top
     * @param record the photo's stored record as the search returned it (metadata, no vector), to show it
     */
    public record Candidate(String id, double score, double probability, boolean boundary, PhotoRecord record) {}

    private HardExamples() {}

    /**
     * @param filter restricts the photos proposed
     * @param labelled ids never proposed
     * @param limit photos to propose, 1..{@value SearchQuery#MAX_LIMIT}
     * @param boundaryShare the fraction of them taken from near the boundary, in [0, 1]
     * @return at most {@code limit} candidates, best score first
     */
    public static List<Candidate> propose(
            VectorStore store,
            String collection,
            Filter filter,
            LinearClassifier classifier,
            Set<String> labelled,
            int limit,
            double boundaryShare) {
        if (!(boundaryShare >= 0 && boundaryShare <= 1)) {
            throw new IllegalArgumentException("boundary share must be in [0, 1], got " + boundaryShare);
        }
        int boundaryCount = (int) Math.round(limit * boundaryShare);
        int window = boundaryCount == 0 ? limit : Math.min(SearchQuery.MAX_LIMIT, limit * BOUNDARY_WINDOW);
        List<SearchHit> hits = store.search(
                collection, new SearchQuery(classifier.weight(), filter, window, 0, labelled, null, false));
        int topCount = Math.min(hits.size(), limit - boundaryCount);
        List<Candidate> candidates = new ArrayList<>(limit);
        for (SearchHit hit : hits.subList(0, topCount)) {
            candidates.add(candidate(classifier, hit, false));
        }
        hits.subList(topCount, hits.size()).stream()
                .map(hit -> candidate(classifier, hit, true))
                .sorted(Comparator.comparingDouble(c -> Math.abs(c.probability() - 0.5)))
                .limit(limit - topCount)
                .forEach(candidates::add);
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return candidates;
    }

    private static Candidate candidate(LinearClassifier classifier, SearchHit hit, boolean boundary) {
        return new Candidate(
                hit.record().id(), hit.score(), classifier.probabilityOfScore(hit.score()), boundary, hit.record());
    }
}
