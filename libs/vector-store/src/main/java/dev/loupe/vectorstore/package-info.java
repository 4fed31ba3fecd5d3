/**
 * The vector-store port: photo records, collections, k-NN search with structured filters, and the
 * adapters that implement it (Lucene HNSW for standalone, Milvus for the distributed mode).
 *
 * <p>Every adapter passes the same contract test suite ({@code VectorStoreContract} in the test
 * jar), so the two cannot drift apart. Scores are cosine similarities in [-1, 1] whatever the
 * adapter's native score.
 */
package dev.loupe.vectorstore;
