package dev.loupe.indexer.config;

/** The Milvus server records are upserted into. */
public interface MilvusConfig {}
