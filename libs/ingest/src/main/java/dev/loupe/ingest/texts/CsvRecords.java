package dev.loupe.ingest.texts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of an RFC 4180 CSV stream (comma-separated, {@code "}-quoted fields that may hold commas,
 * doubled quotes and newlines, {@code \n} or {@code \r\n} between records), each at most {@code maxBytes}
 * long: a longer record is read to its end and dropped, so that memory stays bounded and the next record
 * is read as usual. Written here rather than taken from Commons CSV or Jackson's CSV module because
 * those can neither bound one record nor go on after a bad one, and a bad record must fail alone.
 */
final class CsvRecords {

    /** One record: its fields as bytes, or why it has none. */
    record Record(long line, List<byte[]> fields, long length, Problem problem) {}

    enum Problem {
        TOO_LONG,
        /** A quote left open at the end of the stream, or text after a closing quote. */
        MALFORMED
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long line = 1;
    private boolean done;

    CsvRecords(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next record, or null at the end of the stream; blank lines are skipped. */
    Record next() throws IOException {
        while (true) {
            Record record = read();
            if (record == null || record.problem() != null || !blank(record.fields())) {
                return record;
            }
        }
    }

    private Record read() throws IOException {
        if (done) {
            return null;
        }
        long startLine = line;
        List<byte[]> fields = new ArrayList<>();
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        long length = 0;
        boolean quoted = false;
        boolean inQuotes = false;
        boolean afterQuote = false;
        boolean malformed = false;
        boolean any = false;
        boolean over = false;
        long fieldBytes = 0; // of the current field, counted even when nothing is held
        while (true) {
            int b = nextByte();
            if (b < 0) {
                done = true;
                if (!any) {
                    return null;
                }
                if (inQuotes) {
                    malformed = true;
                }
                break;
            }
            any = true;
            if (b == '\n') {
                line++;
            }
            if (!inQuotes && b == '\n') {
                break; // the record's end: not part of its length
            }
            if (!inQuotes && b == '\r' && peekByte() == '\n') {
                continue; // the \r of a \r\n
            }
            length++;
            if (length > maxBytes && !over) {
                over = true; // read on to the record's end, holding nothing
                fields.clear();
                field.reset();
            }
            if (inQuotes) {
                if (b == '"' && peekByte() == '"') {
                    nextByte();
                    length++;
                    fieldBytes++;
                    write(field, '"', over);
                } else if (b == '"') {
                    inQuotes = false;
                    afterQuote = true;
                } else {
                    fieldBytes++;
                    write(field, b, over);
                }
            } else if (b == ',') {
                if (!over) {
                    fields.add(field.toByteArray());
                }
                field.reset();
                fieldBytes = 0;
                quoted = false;
                afterQuote = false;
            } else if (b == '"' && fieldBytes == 0 && !quoted) {
                quoted = true;
                inQuotes = true;
            } else if (afterQuote) {
                malformed = true;
            } else {
                fieldBytes++;
                write(field, b, over);
            }
        }
        if (over) {
            return new Record(startLine, null, length, Problem.TOO_LONG);
        }
        if (malformed) {
            return new Record(startLine, null, length, Problem.MALFORMED);
        }
        fields.add(field.toByteArray());
        return new Record(startLine, fields, length, null);
    }

    private static void write(ByteArrayOutputStream field, int b, boolean over) {
        if (!over) {
            field.write(b);
        }
    }

    private int nextByte() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    private int peekByte() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position] & 0xFF;
    }

    private boolean fill() throws IOException {
        limit = in.read(buffer);
        position = 0;
        if (limit <= 0) {
            limit = 0;
            return false;
        }
        return true;
    }

    private static boolean blank(List<byte[]> fields) {
        return fields.size() == 1 && fields.getFirst().length == 0;
    }
}
