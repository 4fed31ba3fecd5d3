package dev.loupe.ingest;

import dev.loupe.ingest.texts.CsvTextRecords;
import dev.loupe.ingest.texts.JsonlTextRecords;
import dev.loupe.ingest.texts.MetadataSchema;
import dev.loupe.ingest.texts.TextImportItem;
import dev.loupe.ingest.texts.TextImportLimits;
import dev.loupe.ingest.texts.TextImportReader;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The import sources Loupe reads: a folder tree, an Unsplash-style TSV, a list of URLs. */
public final class ImportSources {

    /**
     * Photos (or URLs) a folder or URL-list import yields at most; the source stops with a {@link
     * RejectedItem} saying so beyond it. An import's items are held in memory (a few hundred bytes
     * each) while it runs.
     */
    public static final int MAX_ITEMS = 1_000_000;

    /**
     * Rows an Unsplash TSV import reads at most, four times the 25,000 of Unsplash Lite; a row's
     * metadata takes a few KB in memory while the import runs. Split larger files.
     */
    public static final int MAX_TSV_ROWS = 100_000;

    /** Records a JSONL or CSV text import reads at most; split larger files. */
    public static final int MAX_TEXT_RECORDS = 5_000_000;

    /** The formats of text imports. */
    public enum TextFormat {
        JSONL,
        CSV
    }

    private ImportSources() {}

    /**
     * The images in a folder tree, in path order: files ending in jpg, jpeg, png, gif, bmp or webp
     * (any case); other files and names starting with a dot are skipped. The first subfolder under
     * the root becomes the photo's tag ({@code root/apple/x/img.jpg} is tagged {@code apple}); files
     * directly in the root get none. Symbolic links to files inside the root are followed; links that
     * lead outside it, and links to folders, are rejected items. The photo id is the path relative to
     * the root with {@code /} separators; the source is {@code "folder"}.
     */
    public static ImportSource folder(Path root) {
        return new FolderSource(Objects.requireNonNull(root, "root"));
    }

    /**
     * An Unsplash Lite {@code photos.tsv} / {@code photos.tsv000} (UTF-8, tab-separated, a header
     * row, fields optionally quoted with {@code "} as pandas and Python's csv module write them),
     * mapped by column name: {@code photo_id} to the id, {@code photo_image_url} to the location
     * (both required), {@code photo_description} to the description, {@code ai_description} to the
     * title, {@code photo_width}/{@code photo_height}, {@code photographer_username} to the author,
     * {@code photo_submitted_at} to takenAt (UTC), and every other non-empty column (location names,
     * EXIF, landmarks...) to extra under its own name. The source is {@code "unsplash"}. A row is at
     * most {@value UnsplashTsvSource#MAX_ROW_CHARS} characters; at most {@value #MAX_TSV_ROWS} rows
     * are read. The stream is read once, by the first
     * {@link ImportSource#read}, and closed by it.
     */
    public static ImportSource unsplashTsv(InputStream in) {
        return new UnsplashTsvSource(Objects.requireNonNull(in, "in"));
    }

    /**
     * One photo per URL: blank entries and entries starting with {@code #} are skipped, anything but
     * an absolute http, https or file URL is a rejected item. The id is {@code url-} and the first 16
     * hex digits of the SHA-256 of the (trimmed) URL; the source is {@code "url"}.
     */
    public static ImportSource urls(List<String> urls) {
        return new UrlListSource(List.copyOf(urls));
    }

    /**
     * The records of a JSONL or CSV text import ({@link dev.loupe.ingest.texts.JsonlTextRecords},
     * {@link dev.loupe.ingest.texts.CsvTextRecords}), each a {@link TextSource}, or a {@link
     * RejectedItem} naming its line and what is wrong with it (empty text, over-long line, invalid
     * UTF-8, bad metadata); metadata types are inferred across the file. At most {@value
     * #MAX_TEXT_RECORDS} records are read. The stream is read once and closed by the first read.
     *
     * @param name what the file is called in the items' locations ({@code qa.jsonl line 17})
     */
    public static ImportSource texts(InputStream in, TextFormat format, TextImportLimits limits, String name) {
        Objects.requireNonNull(in, "in");
        return sink -> {
            try (in) {
                MetadataSchema schema = MetadataSchema.inferred();
                TextImportReader reader =
                        switch (format) {
                            case JSONL -> new JsonlTextRecords(in, limits, schema);
                            case CSV -> new CsvTextRecords(in, limits, schema);
                        };
                int read = 0;
                while (reader.hasNext()) {
                    if (read++ == MAX_TEXT_RECORDS) {
                        sink.accept(new RejectedItem(
                                name, "the import stops after " + MAX_TEXT_RECORDS + " records: split the file"));
                        return;
                    }
                    switch (reader.next()) {
                        case TextImportItem.Parsed parsed ->
                            sink.accept(new TextSource(
                                    parsed.record(),
                                    name + " line " + parsed.record().line()));
                        case TextImportItem.Rejected rejected ->
                            sink.accept(new RejectedItem(
                                    name + " line " + rejected.error().line(),
                                    rejected.error().message()));
                    }
                }
            }
        };
    }
}
