package dev.loupe.encoders;

/** What a model can embed. */
public enum Modality {
    TEXT,
    IMAGE
}
