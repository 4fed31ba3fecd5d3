package dev.loupe.vectorstore;

/**
 * One search result.
 *
 * @param score cosine similarity in [-1, 1], higher is closer
 */
public record SearchHit(PhotoRecord record, float score) {}
