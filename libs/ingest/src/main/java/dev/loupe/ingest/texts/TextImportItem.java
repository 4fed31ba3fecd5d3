package dev.loupe.ingest.texts;

/** What one line (JSONL) or record (CSV) of a text import became: a record, or why not. */
public sealed interface TextImportItem {

    record Parsed(TextRecord record) implements TextImportItem {}

    record Rejected(TextRecordError error) implements TextImportItem {}
}
