package dev.loupe.indexer.config;

/** Limits of every photo fetch (see dev.loupe.ingest.FetchPolicy). */
public interface FetchConfig {}
