package dev.loupe.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** An Unsplash Lite {@code photos.tsv000}; see {@link ImportSources#unsplashTsv}. */
final class UnsplashTsvSource implements ImportSource {

    /** A real row is under 2 KB; 64 K leaves room for long descriptions and refuses runaway quotes. */
    static final int MAX_ROW_CHARS = 64 * 1024;

    private static final int MAX_ID_LENGTH = 256;
    private static final int MAX_DIMENSION = 1_000_000; // pixels per side; larger is a data error
    private static final String SOURCE = "unsplash";
    private static final String ID = "photo_id";
    private static final String IMAGE_URL = "photo_image_url";
    private static final String DESCRIPTION = "photo_description";
    private static final String TITLE = "ai_description";
    private static final String WIDTH = "photo_width";
    private static final String HEIGHT = "photo_height";
    private static final String AUTHOR = "photographer_username";
    private static final String TAKEN_AT = "photo_submitted_at";
    private static final Set<String> MAPPED =
            Set.of(ID, IMAGE_URL, DESCRIPTION, TITLE, WIDTH, HEIGHT, AUTHOR, TAKEN_AT);

    // Unsplash writes "2021-01-06 10:54:53.211591" (UTC, fraction optional)
    private static final DateTimeFormatter SUBMITTED_AT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    private final InputStream in;

    UnsplashTsvSource(InputStream in) {
        this.in = in;
    }

    @Override
    public void read(Consumer<SourceItem> sink) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            TsvReader tsv = new TsvReader(reader, MAX_ROW_CHARS);
            Map<String, Integer> columns = header(tsv.next());
            int rows = 0;
            for (TsvReader.Row row = tsv.next(); row != null; row = tsv.next()) {
                if (++rows > ImportSources.MAX_TSV_ROWS) {
                    sink.accept(new RejectedItem(
                            where(row),
                            "the TSV holds more than " + ImportSources.MAX_TSV_ROWS
                                    + " rows; the rest is not imported (split the file)"));
                    return;
                }
                sink.accept(item(row, columns));
            }
        }
    }

    private static Map<String, Integer> header(TsvReader.Row row) throws IOException {
        if (row == null) {
            throw new IOException("the TSV is empty: expected a header row naming the columns");
        }
        if (row.error() != null) {
            throw new IOException("the TSV header cannot be read: " + row.error());
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> names = row.fields();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            columns.putIfAbsent(i == 0 ? name.replace("\uFEFF", "") : name, i);
        }
        for (String required : List.of(ID, IMAGE_URL)) {
            if (!columns.containsKey(required)) {
                throw new IOException("the TSV header lacks the column " + required + " (an Unsplash photos.tsv has "
                        + ID + " and " + IMAGE_URL + "); its columns are "
                        + Locations.abbreviate(String.join(", ", columns.keySet())));
            }
        }
        return columns;
    }

    private static SourceItem item(TsvReader.Row row, Map<String, Integer> columns) {
        if (row.error() != null) {
            return new RejectedItem(where(row), row.error());
        }
        if (row.fields().size() > columns.size()) {
            return new RejectedItem(
                    where(row), "the row has " + row.fields().size() + " fields, the header " + columns.size());
        }
        Map<String, String> values = new HashMap<>();
        columns.forEach((name, index) -> {
            if (index < row.fields().size() && !row.fields().get(index).isBlank()) {
                values.put(name, row.fields().get(index).strip());
            }
        });
        String id = values.get(ID);
        if (id == null) {
            return new RejectedItem(where(row), "the row has no " + ID);
        }
        if (id.length() > MAX_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
            return new RejectedItem(where(row), ID + " must be at most " + MAX_ID_LENGTH + " printable characters");
        }
        URI location;
        try {
            location = Locations.parse(values.get(IMAGE_URL));
        } catch (IllegalArgumentException e) {
            return new RejectedItem(where(row) + " (" + id + ")", IMAGE_URL + ": " + e.getMessage());
        }
        Map<String, String> extra = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (!MAPPED.contains(name)) {
                extra.put(name, value);
            }
        });
        PhotoMetadata metadata = new PhotoMetadata(
                values.get(TITLE),
                values.get(DESCRIPTION),
                List.of(),
                dimension(values.get(WIDTH)),
                dimension(values.get(HEIGHT)),
                values.get(AUTHOR),
                SOURCE,
                instant(values.get(TAKEN_AT)),
                extra);
        return new PhotoSource(id, location, metadata);
    }

    private static String where(TsvReader.Row row) {
        return "TSV line " + row.line();
    }

    /** A positive pixel count, or null when absent or not one (a bad size is not worth losing the photo). */
    private static Integer dimension(String value) {
        if (value == null) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value);
            return parsed > 0 && parsed <= MAX_DIMENSION ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Unsplash's UTC "yyyy-MM-dd HH:mm:ss[.ffffff]", or ISO-8601 with an offset; null otherwise. */
    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value, SUBMITTED_AT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
