package dev.loupe.ingest.texts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {

    @Test
    void splits_on_newlines_drops_carriage_returns_and_reads_a_last_line_without_newline() throws IOException {
        assertThat(lines("a\r\nbb\n\nccc", 10)).containsExactly("a", "bb", "", "ccc");
        assertThat(lines("", 10)).isEmpty();
        assertThat(lines("x\n", 10)).containsExactly("x");
    }

    @Test
    void a_line_of_exactly_the_limit_passes_and_one_byte_more_does_not() throws IOException {
        assertThat(lines("12345\r\n123456\nok", 5)).containsExactly("12345", "<too long: 6>", "ok");
    }

    @Test
    void numbers_lines_from_one_counting_the_skipped_ones() throws IOException {
        BoundedLines lines = new BoundedLines(bytes("long line\nshort\n"), 5);
        assertThat(lines.next().number()).isEqualTo(1);
        assertThat(lines.next().number()).isEqualTo(2);
        assertThat(lines.next()).isNull();
    }

    private static List<String> lines(String text, int max) throws IOException {
        BoundedLines lines = new BoundedLines(bytes(text), max);
        List<String> out = new ArrayList<>();
        for (BoundedLines.Line line = lines.next(); line != null; line = lines.next()) {
            out.add(
                    line.tooLong()
                            ? "<too long: " + line.length() + ">"
                            : new String(line.bytes(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
