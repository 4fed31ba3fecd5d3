/**
 * Text collections (a question bank: question, answer, typed metadata) in the vector store: the
 * {@link dev.loupe.vectorstore.texts.TextStore} port with a dense (k-NN) and a lexical (BM25) search
 * per adapter, the collection's metadata fields as filter fields
 * ({@link dev.loupe.vectorstore.texts.TextFilterFields}), and {@link dev.loupe.vectorstore.texts.TextSearch},
 * which fuses, pages and highlights the same way over every adapter.
 */
package dev.loupe.vectorstore.texts;
