/**
 * Text collections' records (a question bank: question, answer, metadata) and how an import reads them:
 * bounded lines, strict UTF-8, per-record errors, metadata types declared or inferred.
 */
package dev.loupe.ingest.texts;
