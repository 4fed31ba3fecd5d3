package dev.loupe.ingest.texts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.vectorstore.texts.MetadataType;
import dev.loupe.vectorstore.texts.MetadataValue;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonlTextRecordsTest {

    private static final TextImportLimits LIMITS = new TextImportLimits(4096, 200, 64, 4, 3);

    @Test
    void reads_records_with_answer_title_and_typed_metadata() {
        List<TextImportItem> items = read("""
                {"id": "q1", "text": "What is 2 + 2?", "answer": "4", "title": "Sums", "metadata": {"subject": "math", "grade": 7, "difficulty": 0.2, "tags": ["arithmetic", "easy"]}}

                {"id": 17, "text": "二次函数的顶点坐标是多少？", "metadata": {"subject": "数学"}}
                """);

        assertThat(items).hasSize(2).allMatch(TextImportItem.Parsed.class::isInstance);
        TextRecord first = ((TextImportItem.Parsed) items.get(0)).record();
        assertThat(first.id()).isEqualTo("q1");
        assertThat(first.answer()).isEqualTo("4");
        assertThat(first.title()).isEqualTo("Sums");
        assertThat(first.line()).isEqualTo(1);
        assertThat(first.metadata())
                .containsExactly(
                        Map.entry("subject", new MetadataValue.Text("math")),
                        Map.entry("grade", new MetadataValue.Integer(7)),
                        Map.entry("difficulty", new MetadataValue.Number(0.2)),
                        Map.entry("tags", new MetadataValue.Tags(List.of("arithmetic", "easy"))));
        TextRecord second = ((TextImportItem.Parsed) items.get(1)).record();
        assertThat(second.id()).isEqualTo("17");
        assertThat(second.line()).isEqualTo(3);
    }

    @Test
    void a_record_without_id_is_keyed_by_its_text_so_a_reimport_replaces_it() {
        List<TextImportItem> items =
                read("{\"text\": \"same text\"}\n{\"text\": \"same text\"}\n{\"text\": \"other\"}\n");

        List<String> ids = items.stream()
                .map(i -> ((TextImportItem.Parsed) i).record().id())
                .toList();
        assertThat(ids.get(0)).hasSize(32).isEqualTo(ids.get(1)).isNotEqualTo(ids.get(2));
    }

    @Test
    void each_bad_line_fails_alone_with_its_line_and_reason() {
        String text = String.join(
                "\n",
                "{\"id\": \"ok1\", \"text\": \"fine\"}",
                "{\"id\": \"e1\", \"text\": \"   \"}",
                "{\"id\": \"e2\"}",
                "{\"id\": \"e3\", \"text\": \"" + "x".repeat(201) + "\"}",
                "not json",
                "[1, 2]",
                "{\"id\": \"e4\", \"text\": \"t\", \"colour\": \"red\"}",
                "{\"id\": \"e5\", \"text\": \"t\", \"metadata\": {\"nested\": {\"a\": 1}}}",
                "{\"id\": \"e6\", \"text\": \"t\", \"metadata\": {\"bad-name\": \"x\"}}",
                "{\"id\": \"e7\", \"text\": \"t\", \"metadata\": {\"tags\": [\"a\", 1]}}",
                "{\"id\": \"e8\", \"text\": \"t\", \"metadata\": {\"tags\": [\"a\", \"b\", \"c\", \"d\"]}}",
                "{\"id\": \"e9\", \"text\": \"t\", \"text\": \"u\"}",
                "{\"id\": [1], \"text\": \"t\"}",
                "{\"id\": \"ok2\", \"text\": \"also fine\"}");

        List<TextImportItem> items = read(text);

        assertThat(items).hasSize(14);
        assertThat(TextImportItems.ids(items)).containsExactly("ok1", "ok2");
        assertThat(TextImportItems.errors(items))
                .extracting(TextRecordError::line, TextRecordError::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, TextRecordError.Reason.EMPTY_TEXT),
                        org.assertj.core.groups.Tuple.tuple(3L, TextRecordError.Reason.EMPTY_TEXT),
                        org.assertj.core.groups.Tuple.tuple(4L, TextRecordError.Reason.TEXT_TOO_LONG),
                        org.assertj.core.groups.Tuple.tuple(5L, TextRecordError.Reason.MALFORMED),
                        org.assertj.core.groups.Tuple.tuple(6L, TextRecordError.Reason.MALFORMED),
                        org.assertj.core.groups.Tuple.tuple(7L, TextRecordError.Reason.MALFORMED),
                        org.assertj.core.groups.Tuple.tuple(8L, TextRecordError.Reason.BAD_METADATA),
                        org.assertj.core.groups.Tuple.tuple(9L, TextRecordError.Reason.BAD_METADATA),
                        org.assertj.core.groups.Tuple.tuple(10L, TextRecordError.Reason.BAD_METADATA),
                        org.assertj.core.groups.Tuple.tuple(11L, TextRecordError.Reason.BAD_METADATA),
                        org.assertj.core.groups.Tuple.tuple(12L, TextRecordError.Reason.MALFORMED),
                        org.assertj.core.groups.Tuple.tuple(13L, TextRecordError.Reason.MALFORMED));
        assertThat(TextImportItems.errors(items).get(2).message())
                .isEqualTo("line 4: the text is 201 characters long, more than the limit of 200");
        assertThat(TextImportItems.errors(items).get(5).message())
                .isEqualTo("line 7: unknown field 'colour'; a line has id, text, answer, title and metadata");
        assertThat(TextImportItems.errors(items).get(0).id()).isEqualTo("e1");
    }

    @Test
    void invalid_utf8_fails_its_line_only() {
        byte[] bad = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        InputStream in = new SequenceInputStream(
                new ByteArrayInputStream(bad),
                new ByteArrayInputStream(
                        "{\"id\": \"ok\", \"text\": \"caf\u00e9\"}\r\n".getBytes(StandardCharsets.UTF_8)));

        List<TextImportItem> items = read(in, MetadataSchema.inferred());

        assertThat(TextImportItems.errors(items)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(TextRecordError.Reason.INVALID_UTF8);
            assertThat(e.message()).isEqualTo("line 1 is not UTF-8");
        });
        assertThat(TextImportItems.ids(items)).containsExactly("ok");
    }

    @Test
    void a_gigabyte_line_is_skipped_without_holding_it_and_the_next_line_is_read() {
        long huge = 1L << 30;
        InputStream giant = new InputStream() {
            long left = huge;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        InputStream in = new SequenceInputStream(
                new SequenceInputStream(new ByteArrayInputStream("{\"text\": \"".getBytes()), giant),
                new ByteArrayInputStream("\"}\n{\"id\": \"after\", \"text\": \"still read\"}\n".getBytes()));

        List<TextImportItem> items = read(in, MetadataSchema.inferred());

        assertThat(TextImportItems.errors(items)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(TextRecordError.Reason.LINE_TOO_LONG);
            assertThat(e.message()).startsWith("line 1 is 1073741836 bytes long, more than the limit of 4096");
        });
        assertThat(TextImportItems.ids(items)).containsExactly("after");
    }

    @Test
    void inferred_types_hold_for_the_import_and_integers_widen_to_numbers() {
        MetadataSchema schema = MetadataSchema.inferred();
        List<TextImportItem> items = read("""
                {"id": "a", "text": "t", "metadata": {"grade": 7, "difficulty": 1}}
                {"id": "b", "text": "t", "metadata": {"grade": "seven"}}
                {"id": "c", "text": "t", "metadata": {"difficulty": 0.5}}
                """, schema);

        assertThat(TextImportItems.ids(items)).containsExactly("a", "c");
        assertThat(TextImportItems.errors(items).getFirst().message())
                .isEqualTo("line 2: metadata field 'grade' holds integer values in earlier records, got string");
        assertThat(schema.types())
                .containsEntry("grade", MetadataType.INTEGER)
                .containsEntry("difficulty", MetadataType.NUMBER);
    }

    @Test
    void declared_types_are_enforced_and_an_unknown_type_is_refused_up_front() {
        MetadataSchema schema = MetadataSchema.declared(Map.of("grade", "number", "tags", "tags"));
        List<TextImportItem> items = read("""
                {"id": "a", "text": "t", "metadata": {"grade": 7, "tags": ["x"]}}
                {"id": "b", "text": "t", "metadata": {"tags": "x"}}
                """, schema);

        assertThat(TextImportItems.ids(items)).containsExactly("a");
        assertThat(TextImportItems.errors(items).getFirst().message())
                .isEqualTo("line 2: metadata field 'tags' is declared tags, got string");
        assertThatThrownBy(() -> MetadataSchema.declared(Map.of("subject", "blob")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metadata field 'subject': unknown metadata type 'blob'; use one of [string, integer,"
                        + " number, tags]");
    }

    private static List<TextImportItem> read(String text) {
        return read(TextImportItems.utf8(text), MetadataSchema.inferred());
    }

    private static List<TextImportItem> read(String text, MetadataSchema schema) {
        return read(TextImportItems.utf8(text), schema);
    }

    private static List<TextImportItem> read(InputStream in, MetadataSchema schema) {
        return TextImportItems.all(new JsonlTextRecords(in, LIMITS, schema));
    }
}
