package dev.loupe.encoders.quality;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses CSV as RFC 4180 writes it (Python's {@code csv} module, spreadsheets): comma-separated
 * fields, double-quoted where they hold commas, quotes or line breaks, {@code ""} for a quote.
 */
final class CaptionsCsv {

    /**
     * One record.
     *
     * @param line the line the record starts on, from 1
     * @param fields its fields, unquoted
     */
    record Row(int line, List<String> fields) {}

    private CaptionsCsv() {}

    /**
     * @param source names the text in messages
     * @throws DatasetException when a quoted field is not closed or text follows a closing quote
     */
    static List<Row> parse(String text, String source) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        int i = 0;
        boolean rowHasContent = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                int quoteLine = line;
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new DatasetException(source + ":" + quoteLine + ": a quoted field is never closed");
                    }
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (q == '\n') {
                        line++;
                    }
                    field.append(q);
                    i++;
                }
                if (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    throw new DatasetException(source + ":" + line + ": text after the closing quote of a field");
                }
                rowHasContent = true;
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                rowHasContent = true;
                i++;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            } else if (c == '\n') {
                if (rowHasContent || !field.isEmpty()) {
                    fields.add(field.toString());
                    rows.add(new Row(rowLine, List.copyOf(fields)));
                }
                fields.clear();
                field.setLength(0);
                rowHasContent = false;
                i++;
                line++;
                rowLine = line;
            } else {
                field.append(c);
                rowHasContent = true;
                i++;
            }
        }
        if (rowHasContent || !field.isEmpty()) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, List.copyOf(fields)));
        }
        return rows;
    }
}
