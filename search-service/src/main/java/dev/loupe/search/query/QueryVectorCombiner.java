package dev.loupe.search.query;

import dev.loupe.search.encoder.UnitVectors;
import java.util.List;

/**
 * Combines the parts of a query into one unit query vector:
 *
 * <pre>
 * q = normalise( Σ_positive w_p · v_p / |v_p|  −  Σ_negative w_n · v_n / |v_n| )
 * </pre>
 *
 * See the package documentation for what the parts are and their default weights.
 */
public final class QueryVectorCombiner {

    /**
     * Below this length the weighted sum has no direction left (the parts cancelled out, e.g. the same
     * text as positive and negative with equal weights); unit vectors of float32 embeddings are
     * accurate to about 1e-7 per component.
     */
    static final double MIN_NORM = 1e-4;

    /**
     * One part of a query.
     *
     * @param name the request field it came from, for messages
     * @param vector its embedding (normalised here, so any non-zero length works)
     * @param weight its weight, at least 0
     */
    public record Part(String name, float[] vector, double weight) {

        public Part {
            if (vector == null || vector.length == 0) {
                throw new IllegalArgumentException("part '" + name + "' has no vector");
            }
            if (!Double.isFinite(weight) || weight < 0) {
                throw new IllegalArgumentException("part '" + name + "' has weight " + weight);
            }
        }
    }

    private QueryVectorCombiner() {}

    /**
     * @param positive parts pulling the query towards them; their weights must not all be 0
     * @param negative parts pushing it away
     * @return the unit-length query vector
     * @throws IllegalArgumentException when no positive part has weight, or the lengths differ
     * @throws DegenerateQueryException when the parts cancel out
     */
    public static float[] combine(List<Part> positive, List<Part> negative) {
        if (positive.stream().noneMatch(part -> part.weight() > 0)) {
            throw new IllegalArgumentException("a query needs a positive part with a weight above 0");
        }
        double[] sum = new double[positive.getFirst().vector().length];
        for (Part part : positive) {
            UnitVectors.addScaledUnit(sum, part.vector(), part.weight());
        }
        for (Part part : negative) {
            UnitVectors.addScaledUnit(sum, part.vector(), -part.weight());
        }
        if (UnitVectors.norm(sum) < MIN_NORM) {
            throw new DegenerateQueryException(
                    positive.stream().map(Part::name).toList(),
                    negative.stream().map(Part::name).toList());
        }
        return UnitVectors.unit(sum);
    }
}
