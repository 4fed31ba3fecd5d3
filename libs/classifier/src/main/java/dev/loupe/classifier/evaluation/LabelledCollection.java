package dev.loupe.classifier.evaluation;

import java.util.Arrays;

/**
 * The photos of an evaluation with the truth about them: photo {@code i} has a unit embedding, belongs to
 * one class and is stored under the id {@link #id(int)}. Immutable.
 */
public final class LabelledCollection {

    private static final String ID_PREFIX = "photo-";

    private final float[][] vectors;
    private final int[] classes;

    /**
     * @param vectors one unit embedding per photo, all of one dimension (at least 2); copied
     * @param classes one class (0 or more) per photo; copied
     * @throws IllegalArgumentException when the arrays do not describe that
     */
    public LabelledCollection(float[][] vectors, int[] classes) {
        if (vectors == null || classes == null || vectors.length != classes.length) {
            throw new IllegalArgumentException("every photo needs one vector and one class");
        }
        if (vectors.length == 0 || vectors[0] == null || vectors[0].length < 2) {
            throw new IllegalArgumentException("a collection needs at least one photo with a vector of 2 or more");
        }
        int dimension = vectors[0].length;
        this.vectors = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] == null || vectors[i].length != dimension) {
                throw new IllegalArgumentException("photo " + i + " has no vector of " + dimension + " dimensions");
            }
            if (classes[i] < 0) {
                throw new IllegalArgumentException("photo " + i + " has a negative class " + classes[i]);
            }
            this.vectors[i] = vectors[i].clone();
        }
        this.classes = classes.clone();
    }

    public int size() {
        return vectors.length;
    }

    public int dimension() {
        return vectors[0].length;
    }

    /** Photo {@code index}'s class. */
    public int label(int index) {
        return classes[index];
    }

    /** How many photos belong to the class. */
    public int count(int label) {
        return (int) Arrays.stream(classes).filter(c -> c == label).count();
    }

    /** The id photo {@code index} is stored under. */
    public static String id(int index) {
        return ID_PREFIX + index;
    }

    /**
     * The index of the photo stored under {@code id}.
     *
     * @throws IllegalArgumentException when no photo of this collection has that id
     */
    public int index(String id) {
        if (id.startsWith(ID_PREFIX)) {
            try {
                int index = Integer.parseInt(id.substring(ID_PREFIX.length()));
                if (index >= 0 && index < vectors.length) {
                    return index;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
        }
        throw new IllegalArgumentException("no photo of this collection has the id '" + id + "'");
    }

    /** Photo {@code index}'s vector; shared, not copied: callers must not change it. */
    float[] vector(int index) {
        return vectors[index];
    }
}
