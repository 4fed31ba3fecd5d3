package dev.loupe.ingest;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads tab-separated records as pandas and Python's csv module write them: a field may be quoted
 * with {@code "}, a quoted field may hold tabs, newlines and {@code ""} for a quote. Records are
 * bounded in length; an overlong one is skipped to the end of its line and reported as an error.
 */
final class TsvReader {

    /** One record: its fields, or an error when it could not be read. */
    record Row(int line, List<String> fields, String error) {}

    private final PushbackReader in;
    private final int maxChars;
    private int line = 1;

    TsvReader(Reader in, int maxChars) {
        this.in = new PushbackReader(in, 1);
        this.maxChars = maxChars;
    }

    /** The next record, or null at the end of the input. Blank lines are skipped. */
    Row next() throws IOException {
        while (true) {
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean fieldStart = true;
            int chars = 0;
            while (true) {
                int c = in.read();
                if (c < 0) {
                    if (chars == 0) {
                        return null;
                    }
                    if (quoted) {
                        return new Row(start, List.of(), "a quoted field is not closed before the end of the file");
                    }
                    fields.add(field.toString());
                    return new Row(start, fields, null);
                }
                if (++chars > maxChars) {
                    skipLine(c);
                    return new Row(start, List.of(), "the row is longer than " + maxChars + " characters");
                }
                if (c == '\n') {
                    line++;
                }
                if (quoted) {
                    if (c != '"') {
                        field.append((char) c);
                    } else if (peek() == '"') {
                        in.read();
                        field.append('"');
                    } else {
                        quoted = false;
                    }
                } else if (c == '\t') {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldStart = true;
                } else if (c == '\n') {
                    int last = field.length() - 1;
                    if (last >= 0 && field.charAt(last) == '\r') {
                        field.setLength(last);
                    }
                    fields.add(field.toString());
                    if (fields.size() == 1 && fields.get(0).isEmpty()) {
                        break; // a blank line
                    }
                    return new Row(start, fields, null);
                } else if (c == '"' && fieldStart) {
                    quoted = true;
                    fieldStart = false;
                } else {
                    field.append((char) c);
                    fieldStart = false;
                }
            }
        }
    }

    private int peek() throws IOException {
        int c = in.read();
        if (c >= 0) {
            in.unread(c);
        }
        return c;
    }

    private void skipLine(int current) throws IOException {
        int c = current;
        while (c >= 0 && c != '\n') {
            c = in.read();
        }
        if (c == '\n') {
            line++;
        }
    }
}
