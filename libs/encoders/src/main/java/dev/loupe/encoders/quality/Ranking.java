package dev.loupe.encoders.quality;

/** The arithmetic of the evaluations: similarities, ranks, prompt ensembles and chance levels. */
final class Ranking {

    private Ranking() {}

    /** The dot product: the cosine similarity of two L2-normalised vectors. */
    static float dot(float[] a, float[] b) {
        assert a.length == b.length : a.length + " vs " + b.length;
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** The similarity of {@code query} to each candidate, in order. */
    static float[] scores(float[] query, float[][] candidates) {
        float[] scores = new float[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            scores[i] = dot(query, candidates[i]);
        }
        return scores;
    }

    /**
     * The rank of {@code scores[target]} among all scores, from 0 (best): the number of other
     * candidates scoring at least as high. Ties count against the target, so equal scores never make
     * a hit.
     */
    static int rank(float[] scores, int target) {
        float score = scores[target];
        int rank = 0;
        for (int i = 0; i < scores.length; i++) {
            if (i != target && !(scores[i] < score)) { // NaN counts against the target as well
                rank++;
            }
        }
        return rank;
    }

    /**
     * CLIP's prompt ensemble: the mean of the L2-normalised {@code embeddings}, normalised again.
     *
     * @param embeddings at least one vector, all of one length
     * @return a new unit vector (all zeros only when the mean is zero)
     */
    static float[] ensemble(float[][] embeddings) {
        if (embeddings.length == 0) {
            throw new IllegalArgumentException("an ensemble needs at least one embedding");
        }
        double[] sum = new double[embeddings[0].length];
        for (float[] embedding : embeddings) {
            if (embedding.length != sum.length) {
                throw new IllegalArgumentException(
                        "embeddings of different lengths: " + sum.length + " and " + embedding.length);
            }
            double norm = Math.sqrt(squaredNorm(embedding));
            if (norm == 0) {
                continue;
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += embedding[i] / norm;
            }
        }
        double norm = 0;
        for (double v : sum) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        float[] mean = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            mean[i] = norm == 0 ? 0 : (float) (sum[i] / norm);
        }
        return mean;
    }

    /**
     * The expected hit rate at {@code k} of a ranking that ignores its input: the chance that one
     * relevant item among {@code candidates} lands in the first {@code k}, {@code min(k, n) / n}.
     */
    static double chance(int k, int candidates) {
        if (k <= 0 || candidates <= 0) {
            throw new IllegalArgumentException("k and the candidate count must be positive");
        }
        return (double) Math.min(k, candidates) / candidates;
    }

    private static double squaredNorm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        return sum;
    }
}
