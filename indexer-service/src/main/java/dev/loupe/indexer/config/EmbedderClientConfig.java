package dev.loupe.indexer.config;

/** The REST client of embedder-service. */
public interface EmbedderClientConfig {}
