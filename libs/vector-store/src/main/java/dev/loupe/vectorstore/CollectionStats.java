package dev.loupe.vectorstore;

/** A collection's definition and how many records it holds. */
public record CollectionStats(CollectionSpec spec, long count) {}
