package dev.loupe.encoders.quality;

import java.util.Arrays;

/** Collects the rank of each query's relevant item and answers hit rates and the median rank. */
final class RankTally {

    private int[] ranks = new int[64];
    private int count;

    /** Records one query whose relevant item came at {@code rank} (0 = first). */
    void add(int rank) {
        if (rank < 0) {
            throw new IllegalArgumentException("rank must be >= 0, got " + rank);
        }
        if (count == ranks.length) {
            ranks = Arrays.copyOf(ranks, count * 2);
        }
        ranks[count++] = rank;
    }

    int count() {
        return count;
    }

    /** The share of queries whose relevant item is among the first {@code k}, in [0, 1]; NaN with no queries. */
    double hitRate(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        if (count == 0) {
            return Double.NaN;
        }
        int hits = 0;
        for (int i = 0; i < count; i++) {
            if (ranks[i] < k) {
                hits++;
            }
        }
        return (double) hits / count;
    }

    /** The median rank counted from 1 (the mean of the middle two for an even count); NaN with no queries. */
    double medianRank() {
        if (count == 0) {
            return Double.NaN;
        }
        int[] sorted = Arrays.copyOf(ranks, count);
        Arrays.sort(sorted);
        int middle = count / 2;
        double median = count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        return median + 1;
    }
}
