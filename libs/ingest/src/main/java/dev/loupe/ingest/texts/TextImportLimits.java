package dev.loupe.ingest.texts;

/**
 * Bounds on one line of a text import; a line over any of them fails alone.
 *
 * @param maxLineBytes longest line read, in bytes; a longer one is skipped without being held in memory
 * @param maxTextChars longest {@code text}, in code points
 * @param maxFieldChars longest id, answer, title or metadata string, in code points
 * @param maxMetadataFields most metadata fields on one record
 * @param maxTags most values in one tag list
 */
public record TextImportLimits(
        int maxLineBytes, int maxTextChars, int maxFieldChars, int maxMetadataFields, int maxTags) {

    public TextImportLimits {
        if (maxLineBytes < 1 || maxTextChars < 1 || maxFieldChars < 1 || maxMetadataFields < 0 || maxTags < 0) {
            throw new IllegalArgumentException("text import limits must be positive: " + maxLineBytes + ", "
                    + maxTextChars + ", " + maxFieldChars + ", " + maxMetadataFields + ", " + maxTags);
        }
    }

    /** 1 MiB lines, 8,192-character texts, 4,096-character fields, 64 fields, 256 tags. */
    public static TextImportLimits defaults() {
        return new TextImportLimits(1 << 20, 8192, 4096, 64, 256);
    }
}
