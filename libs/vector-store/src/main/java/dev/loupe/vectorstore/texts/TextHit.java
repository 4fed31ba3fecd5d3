package dev.loupe.vectorstore.texts;

/**
 * One result of a dense or lexical text search.
 *
 * @param score cosine similarity for dense searches, BM25 for lexical ones; higher is better
 */
public record TextHit(TextEntry entry, float score) {}
