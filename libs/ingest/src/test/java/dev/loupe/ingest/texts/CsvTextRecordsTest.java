package dev.loupe.ingest.texts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.loupe.vectorstore.texts.MetadataValue;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvTextRecordsTest {

    private static final TextImportLimits LIMITS = new TextImportLimits(4096, 200, 64, 4, 3);

    @Test
    void reads_quoted_multi_line_fields_and_infers_metadata_types() {
        List<TextImportItem> items = read("""
                id,text,answer,subject,grade,difficulty,tags\r
                q1,"What is 2 + 2, roughly?","About ""4"",
                 give or take",math,7,0.25,arithmetic|easy\r
                q2,二次函数的顶点坐标是多少？,,数学,9,,algebra\r
                """);

        assertThat(TextImportItems.ids(items)).containsExactly("q1", "q2");
        TextRecord first = ((TextImportItem.Parsed) items.get(0)).record();
        assertThat(first.text()).isEqualTo("What is 2 + 2, roughly?");
        assertThat(first.answer()).isEqualTo("About \"4\",\n give or take");
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.metadata())
                .containsExactly(
                        Map.entry("subject", new MetadataValue.Text("math")),
                        Map.entry("grade", new MetadataValue.Integer(7)),
                        Map.entry("difficulty", new MetadataValue.Number(0.25)),
                        Map.entry("tags", new MetadataValue.Tags(List.of("arithmetic", "easy"))));
        TextRecord second = ((TextImportItem.Parsed) items.get(1)).record();
        assertThat(second.line()).isEqualTo(4);
        assertThat(second.answer()).isNull();
        assertThat(second.metadata()).doesNotContainKey("difficulty");
    }

    @Test
    void each_bad_record_fails_alone() {
        List<TextImportItem> items = read(String.join(
                "\n",
                "id,text,grade",
                "ok1,fine,1",
                "e1,,2",
                "e2,\"" + "y".repeat(201) + "\",3",
                "e3,too,many,fields",
                "e4,t,seven",
                "e5,\"open quote,4",
                "ok2,\"also fine\",5"));

        assertThat(TextImportItems.ids(items)).containsExactly("ok1");
        assertThat(TextImportItems.errors(items))
                .extracting(TextRecordError::line, TextRecordError::reason)
                .containsExactly(
                        tuple(3L, TextRecordError.Reason.EMPTY_TEXT),
                        tuple(4L, TextRecordError.Reason.TEXT_TOO_LONG),
                        tuple(5L, TextRecordError.Reason.MALFORMED),
                        tuple(6L, TextRecordError.Reason.BAD_METADATA),
                        tuple(7L, TextRecordError.Reason.MALFORMED));
        assertThat(TextImportItems.errors(items).get(2).message()).isEqualTo("line 5 has 4 fields, the header 3");
        assertThat(TextImportItems.errors(items).get(3).message())
                .isEqualTo("line 6: metadata field 'grade' holds integer values in earlier records, got string");
    }

    @Test
    void declared_types_convert_cells_and_refuse_what_does_not_parse() {
        MetadataSchema schema = MetadataSchema.declared(Map.of("grade", "integer", "code", "string", "topics", "tags"));
        List<TextImportItem> items = read("text,grade,code,topics\na,7,007,x|y\nb,seven,1,z\n", schema);

        TextRecord first = ((TextImportItem.Parsed) items.get(0)).record();
        assertThat(first.metadata())
                .containsEntry("code", new MetadataValue.Text("007"))
                .containsEntry("topics", new MetadataValue.Tags(List.of("x", "y")));
        assertThat(TextImportItems.errors(items).getFirst().message())
                .isEqualTo("line 3: metadata field 'grade' is declared integer, got 'seven'");
    }

    @Test
    void a_huge_record_is_skipped_in_bounded_memory_and_quotes_keep_their_meaning_while_skipping() {
        byte[] filler = new byte[8 << 20];
        Arrays.fill(filler, (byte) 'x');
        InputStream in = new SequenceInputStream(
                new SequenceInputStream(
                        new ByteArrayInputStream("id,text\nbig,\"a\nb".getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayInputStream(filler)),
                new ByteArrayInputStream("\"\nafter,still read\n".getBytes(StandardCharsets.UTF_8)));

        List<TextImportItem> items = read(in, MetadataSchema.inferred());

        assertThat(TextImportItems.errors(items)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(TextRecordError.Reason.LINE_TOO_LONG);
            assertThat(e.line()).isEqualTo(2);
        });
        assertThat(TextImportItems.ids(items)).containsExactly("after");
    }

    @Test
    void a_file_without_a_usable_header_is_refused_as_a_whole() {
        assertThatThrownBy(() -> read("")).hasMessage("the CSV file is empty: its first line must name the columns");
        assertThatThrownBy(() -> read("id,question\n1,x\n"))
                .hasMessage("the CSV header [id, question] has no 'text' column");
        assertThatThrownBy(() -> read("text,text\n")).hasMessage("the CSV header names column 'text' twice");
        assertThatThrownBy(() -> read("text,bad-name\n")).hasMessageStartingWith("metadata field name 'bad-name'");
    }

    @Test
    void invalid_utf8_in_a_cell_fails_its_record() {
        byte[] bad = {'t', 'e', 'x', 't', '\n', 'a', (byte) 0xC3, (byte) 0x28, '\n', 'o', 'k', '\n'};

        List<TextImportItem> items = read(new ByteArrayInputStream(bad), MetadataSchema.inferred());

        assertThat(TextImportItems.errors(items))
                .extracting(TextRecordError::reason)
                .containsExactly(TextRecordError.Reason.INVALID_UTF8);
        assertThat(items).hasSize(2);
    }

    private static List<TextImportItem> read(String text) {
        return read(TextImportItems.utf8(text), MetadataSchema.inferred());
    }

    private static List<TextImportItem> read(String text, MetadataSchema schema) {
        return read(TextImportItems.utf8(text), schema);
    }

    private static List<TextImportItem> read(InputStream in, MetadataSchema schema) {
        return TextImportItems.all(new CsvTextRecords(in, LIMITS, schema));
    }
}
