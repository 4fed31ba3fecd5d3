package dev.loupe.classifier;

/**
 * A labelled example: a photo's unit embedding and whether the user marked it right (positive) or wrong.
 */
public record LabelledVector(String id, float[] vector, boolean positive) {

    public LabelledVector {
        if (id == null || vector == null) {
            throw new IllegalArgumentException("a labelled vector needs an id and a vector");
        }
    }
}
