/**
 * Text collections: a question bank searched by meaning ({@code dense}), by words ({@code lexical},
 * BM25, Chinese-aware) or both fused ({@code hybrid}), with metadata filters; similar texts by id. The
 * store and the fusion live in libs/vector-store ({@link dev.loupe.vectorstore.texts.TextSearch}),
 * imports in the shared job system; this package wires them by mode and serves {@code /v1/texts}.
 */
package dev.loupe.search.texts;
