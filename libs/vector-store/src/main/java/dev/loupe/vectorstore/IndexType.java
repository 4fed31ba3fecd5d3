package dev.loupe.vectorstore;

/** The approximate nearest-neighbour index a collection is built with. Lucene supports HNSW only. */
public enum IndexType {
    HNSW,
    IVF_FLAT,
    IVF_SQ8
}
