package dev.loupe.encoders.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.encoders.quality.CaptionsCsv.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptionsCsvTest {

    @Test
    void splits_plain_fields_on_commas() {
        assertThat(CaptionsCsv.parse("a,b\nc,d", "x"))
                .containsExactly(new Row(1, List.of("a", "b")), new Row(2, List.of("c", "d")));
    }

    @Test
    void quoted_fields_hold_commas_doubled_quotes_and_line_breaks() {
        List<Row> rows = CaptionsCsv.parse("a,\"b, \"\"quoted\"\"\"\nc,\"two\nlines\"\ne,f\n", "x");

        assertThat(rows)
                .containsExactly(
                        new Row(1, List.of("a", "b, \"quoted\"")),
                        new Row(2, List.of("c", "two\nlines")),
                        new Row(4, List.of("e", "f")));
    }

    @Test
    void crlf_line_ends_and_blank_lines_are_accepted() {
        assertThat(CaptionsCsv.parse("a,b\r\n\r\nc,\"d\"\r\n", "x"))
                .containsExactly(new Row(1, List.of("a", "b")), new Row(3, List.of("c", "d")));
    }

    @Test
    void empty_fields_are_kept() {
        assertThat(CaptionsCsv.parse("a,\n,b\n\"\",c", "x"))
                .containsExactly(
                        new Row(1, List.of("a", "")), new Row(2, List.of("", "b")), new Row(3, List.of("", "c")));
    }

    @Test
    void an_unclosed_quote_is_refused_with_the_line_it_opened_on() {
        assertThatThrownBy(() -> CaptionsCsv.parse("a,b\nc,\"never\nclosed", "captions.csv"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("captions.csv:2: a quoted field is never closed");
    }

    @Test
    void text_after_a_closing_quote_is_refused() {
        assertThatThrownBy(() -> CaptionsCsv.parse("a,\"b\"c", "captions.csv"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("captions.csv:1: text after the closing quote of a field");
    }
}
