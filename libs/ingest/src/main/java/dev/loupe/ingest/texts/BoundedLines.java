package dev.loupe.ingest.texts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Lines of bytes from a stream, each at most {@code maxBytes} long: a longer line is read to its end
 * and dropped, so that a 1 GB line costs no more memory than a short one. {@code \n} ends a line, a
 * {@code \r} before it is dropped; the last line needs no newline.
 */
final class BoundedLines {

    /** One line: its bytes, or none when it was longer than the limit. */
    record Line(long number, byte[] bytes, long length) {
        boolean tooLong() {
            return bytes == null;
        }
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long number;
    private boolean done;

    BoundedLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        if (done) {
            return null;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long length = 0;
        boolean over = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    done = true;
                    if (length == 0) {
                        return null;
                    }
                    break;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            length += chunk;
            if (!over && length > maxBytes + 1L) { // + 1: a \r that ends the line does not count
                over = true;
                line = null;
            }
            if (!over) {
                line.write(buffer, start, chunk);
            }
            if (position < limit) { // the newline
                position++;
                break;
            }
        }
        number++;
        if (over) {
            return new Line(number, null, length);
        }
        byte[] bytes = line.toByteArray();
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\r') {
            end--;
        }
        if (end > maxBytes) {
            return new Line(number, null, length);
        }
        return new Line(number, end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end), end);
    }
}
