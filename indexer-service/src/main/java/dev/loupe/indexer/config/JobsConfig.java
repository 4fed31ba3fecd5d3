package dev.loupe.indexer.config;

/** Import jobs. */
public interface JobsConfig {}
