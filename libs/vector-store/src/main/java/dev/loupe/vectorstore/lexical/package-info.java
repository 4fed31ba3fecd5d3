/** Lexical (BM25) search over text collections: how texts become terms, English and Chinese. */
package dev.loupe.vectorstore.lexical;
