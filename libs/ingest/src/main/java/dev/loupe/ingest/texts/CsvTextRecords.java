package dev.loupe.ingest.texts;

import dev.loupe.vectorstore.texts.MetadataType;
import dev.loupe.vectorstore.texts.MetadataValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The records of a CSV text import. The first record is the header: {@code text} is required, {@code
 * id}, {@code answer} and {@code title} are optional, and every other column is a metadata field. An
 * empty cell is an absent value. A metadata cell takes the type the collection declares for its
 * column; otherwise an integer, a decimal number or a string by its look, and a column named {@code
 * tags} is a tag list. Tag lists are {@code |}-separated ({@code algebra|easy}). Each record becomes
 * a {@link TextRecord} or a {@link TextRecordError}, as in {@link JsonlTextRecords}.
 */
public final class CsvTextRecords extends TextImportReader {

    private static final Set<String> RECORD_COLUMNS = Set.of("id", "text", "answer", "title");
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?");

    private final CsvRecords csv;
    private final TextRecords records;
    private final List<String> header;

    /**
     * Reads the header.
     *
     * @throws IllegalArgumentException when there is no header, it has no {@code text} column, names a
     *     column twice or names a metadata column badly: the import as a whole is refused
     */
    public CsvTextRecords(InputStream in, TextImportLimits limits, MetadataSchema schema) {
        this.csv = new CsvRecords(in, limits.maxLineBytes());
        this.records = new TextRecords(limits, schema);
        this.header = header();
    }

    private List<String> header() {
        CsvRecords.Record first = nextRecord();
        if (first == null) {
            throw new IllegalArgumentException("the CSV file is empty: its first line must name the columns");
        }
        if (first.problem() != null) {
            throw new IllegalArgumentException("the CSV header cannot be read ("
                    + first.problem().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
        }
        List<String> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (byte[] cell : first.fields()) {
            String column = TextRecords.utf8(cell, columns.isEmpty())
                    .orElseThrow(() -> new IllegalArgumentException("the CSV header is not UTF-8"))
                    .strip();
            if (!seen.add(column)) {
                throw new IllegalArgumentException("the CSV header names column '" + column + "' twice");
            }
            if (!RECORD_COLUMNS.contains(column)) {
                MetadataSchema.requireName(column);
            }
            columns.add(column);
        }
        if (!seen.contains("text")) {
            throw new IllegalArgumentException("the CSV header " + columns + " has no 'text' column");
        }
        return List.copyOf(columns);
    }

    @Override
    TextImportItem read() {
        CsvRecords.Record record = nextRecord();
        if (record == null) {
            return null;
        }
        long line = record.line();
        if (record.problem() == CsvRecords.Problem.TOO_LONG) {
            return TextRecords.reject(
                    line,
                    null,
                    TextRecordError.Reason.LINE_TOO_LONG,
                    "the record at line " + line
                            + " is " + record.length() + " bytes long, more than the limit of "
                            + records.limits().maxLineBytes());
        }
        if (record.problem() == CsvRecords.Problem.MALFORMED) {
            return TextRecords.reject(
                    line,
                    null,
                    TextRecordError.Reason.MALFORMED,
                    "line " + line + ": a quoted field is not closed, or text follows its closing quote");
        }
        if (record.fields().size() != header.size()) {
            return TextRecords.reject(
                    line,
                    null,
                    TextRecordError.Reason.MALFORMED,
                    "line " + line + " has " + record.fields().size() + " fields, the header " + header.size());
        }
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Optional<String> cell = TextRecords.utf8(record.fields().get(i), false);
            if (cell.isEmpty()) {
                return TextRecords.reject(
                        line,
                        null,
                        TextRecordError.Reason.INVALID_UTF8,
                        "line " + line + ": column '" + header.get(i) + "' is not UTF-8");
            }
            if (!cell.get().isEmpty()) {
                cells.put(header.get(i), cell.get());
            }
        }
        Map<String, MetadataValue> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, String> cell : cells.entrySet()) {
            if (RECORD_COLUMNS.contains(cell.getKey())) {
                continue;
            }
            try {
                metadata.put(cell.getKey(), value(cell.getKey(), cell.getValue()));
            } catch (IllegalArgumentException e) {
                return TextRecords.reject(
                        line,
                        cells.get("id"),
                        TextRecordError.Reason.BAD_METADATA,
                        "line " + line + ": " + e.getMessage());
            }
        }
        return records.build(
                line, cells.get("id"), cells.get("text"), cells.get("answer"), cells.get("title"), metadata);
    }

    private MetadataValue value(String column, String cell) {
        String value = cell.strip();
        MetadataType type = records.schema()
                .declared(column)
                .orElseGet(() -> column.equals("tags")
                        ? MetadataType.TAGS
                        : INTEGER.matcher(value).matches()
                                ? MetadataType.INTEGER
                                : DECIMAL.matcher(value).matches() ? MetadataType.NUMBER : MetadataType.STRING);
        return switch (type) {
            case STRING -> {
                records.requireLength(column, cell);
                yield new MetadataValue.Text(cell);
            }
            case INTEGER -> {
                if (!INTEGER.matcher(value).matches()) {
                    throw new IllegalArgumentException(
                            "metadata field '" + column + "' is declared integer, got '" + abbreviate(value) + "'");
                }
                yield new MetadataValue.Integer(Long.parseLong(value));
            }
            case NUMBER -> {
                if (!DECIMAL.matcher(value).matches() || !Double.isFinite(Double.parseDouble(value))) {
                    throw new IllegalArgumentException(
                            "metadata field '" + column + "' is declared number, got '" + abbreviate(value) + "'");
                }
                yield INTEGER.matcher(value).matches()
                        ? new MetadataValue.Integer(Long.parseLong(value))
                        : new MetadataValue.Number(Double.parseDouble(value));
            }
            case TAGS -> {
                List<String> tags = Arrays.stream(cell.split("\\|"))
                        .map(String::strip)
                        .filter(tag -> !tag.isEmpty())
                        .toList();
                records.requireTagCount(column, tags.size());
                tags.forEach(tag -> records.requireLength(column, tag));
                yield new MetadataValue.Tags(tags);
            }
        };
    }

    private CsvRecords.Record nextRecord() {
        try {
            return csv.next();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the import", e);
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
