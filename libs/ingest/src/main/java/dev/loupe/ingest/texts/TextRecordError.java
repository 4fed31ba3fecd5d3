package dev.loupe.ingest.texts;

/**
 * Why one line of an import did not become a record. The other lines go on.
 *
 * @param line 1-based line number in the file
 * @param id the record's id when it could be read, else null
 * @param reason what kind of problem
 * @param message one sentence naming the field and the limit
 */
public record TextRecordError(long line, String id, Reason reason, String message) {

    public enum Reason {
        /** The line is longer than the import's byte limit (it is skipped without being held in memory). */
        LINE_TOO_LONG,
        /** The bytes are not UTF-8. */
        INVALID_UTF8,
        /** Not a JSON object, or fields of the wrong shape. */
        MALFORMED,
        /** No text, or only white space. */
        EMPTY_TEXT,
        /** More characters than the text limit. */
        TEXT_TOO_LONG,
        /** A metadata field that is not a string, number or list of strings, a bad name, or a type conflict. */
        BAD_METADATA
    }
}
