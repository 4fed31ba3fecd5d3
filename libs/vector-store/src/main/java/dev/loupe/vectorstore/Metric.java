package dev.loupe.vectorstore;

/** How vectors are compared. Loupe's vectors are normalised, so both give the cosine. */
public enum Metric {
    COSINE,
    /** Inner product; equals the cosine on normalised vectors and skips a normalisation. */
    DOT_PRODUCT
}
