package dev.loupe.ingest;

/** What an {@link ImportSource} yields: a photo or a text record to ingest, or an entry refused with a reason. */
public sealed interface SourceItem permits PhotoSource, TextSource, RejectedItem {}
