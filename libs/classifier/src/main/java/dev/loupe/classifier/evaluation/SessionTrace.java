package dev.loupe.classifier.evaluation;

import java.util.List;

/**
 * One simulated session, round by round.
 *
 * @param target the class the simulated user wants
 * @param targetPhotos photos of that class in the collection
 * @param collectionPhotos photos in the collection
 * @param rounds round 0 (the prompt alone) and then one result per round of labels
 */
public record SessionTrace(
        SessionSimulator.Target target, int targetPhotos, int collectionPhotos, List<RoundResult> rounds) {

    public SessionTrace {
        rounds = List.copyOf(rounds);
    }

    /** The expected precision of a random ranking: the target's share of the collection. */
    public double chance() {
        return (double) targetPhotos / collectionPhotos;
    }

    /** The last round's result. */
    public RoundResult last() {
        return rounds.getLast();
    }
}
