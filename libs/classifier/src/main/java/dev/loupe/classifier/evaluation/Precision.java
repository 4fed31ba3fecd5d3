package dev.loupe.classifier.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.lucene.util.VectorUtil;

/**
 * Precision at k of one direction over a whole collection, scored exactly (every photo, no index): of the
 * {@code k} photos with the highest cosine to the direction, the share that belong to the target class.
 * Equal scores rank the lower index first, so the ranking is a total order and the result deterministic.
 * The denominator is always {@code k}, also where fewer photos are ranked.
 *
 * @param all over every photo of the collection, labelled ones included (what the user sees when the
 *     direction is applied to the collection)
 * @param unlabelled over the photos not labelled yet (how well the direction generalises beyond the labels)
 */
public record Precision(double all, double unlabelled) {

    /**
     * @param labelled indexes of the labelled photos
     */
    static Precision of(float[] direction, LabelledCollection photos, int target, int k, Set<Integer> labelled) {
        List<Integer> ranked = best(direction, photos, k + labelled.size());
        int hits = 0;
        for (int index : ranked.subList(0, Math.min(k, ranked.size()))) {
            hits += photos.label(index) == target ? 1 : 0;
        }
        int unlabelledHits = 0;
        int unlabelledSeen = 0;
        for (int index : ranked) {
            if (unlabelledSeen == k) {
                break;
            }
            if (!labelled.contains(index)) {
                unlabelledSeen++;
                unlabelledHits += photos.label(index) == target ? 1 : 0;
            }
        }
        return new Precision((double) hits / k, (double) unlabelledHits / k);
    }

    /** The indexes of the {@code count} best-scoring photos, best first. */
    private static List<Integer> best(float[] direction, LabelledCollection photos, int count) {
        double[] scores = new double[photos.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = VectorUtil.dotProduct(direction, photos.vector(i));
        }
        // best first: higher score, then lower index
        Comparator<Integer> order =
                Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i);
        PriorityQueue<Integer> kept = new PriorityQueue<>(order.reversed()); // the worst kept on top
        for (int i = 0; i < scores.length; i++) {
            if (kept.size() < count) {
                kept.add(i);
            } else if (order.compare(i, kept.peek()) < 0) {
                kept.poll();
                kept.add(i);
            }
        }
        List<Integer> ranked = new ArrayList<>(kept);
        ranked.sort(order);
        return ranked;
    }
}
