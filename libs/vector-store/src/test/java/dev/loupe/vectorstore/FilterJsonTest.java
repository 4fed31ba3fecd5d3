package dev.loupe.vectorstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterJsonTest {

    @Test
    void parses_every_operator_with_typed_values() {
        assertThat(FilterJson.parse("{\"field\": \"width\", \"op\": \"gte\", \"value\": 800}"))
                .isEqualTo(Filter.range("width", Filter.Op.GTE, 800L));
        assertThat(FilterJson.parse(
                        "{\"field\": \"takenAt\", \"op\": \"lt\", \"value\": \"2024-05-01T12:00:00.5+02:00\"}"))
                .isEqualTo(Filter.range("takenAt", Filter.Op.LT, Instant.parse("2024-05-01T10:00:00.5Z")));
        assertThat(FilterJson.parse("{\"field\": \"source\", \"op\": \"not_in\", \"value\": [\"a\", \"b\"]}"))
                .isEqualTo(Filter.notIn("source", List.of("a", "b")));
        assertThat(FilterJson.parse("{\"field\": \"tags\", \"op\": \"contains\", \"value\": \"cat\"}"))
                .isEqualTo(Filter.tagContains("cat"));
        assertThat(FilterJson.parse("{\"field\": \"extra.camera\", \"op\": \"ne\", \"value\": \"X100\"}"))
                .isEqualTo(Filter.ne("extra.camera", "X100"));
        for (String op : List.of("eq", "gt", "lte")) {
            assertThat(FilterJson.parse("{\"field\": \"height\", \"op\": \"" + op + "\", \"value\": -3}"))
                    .isInstanceOf(Filter.Compare.class);
        }
    }

    @Test
    void parses_and_or_not_and_the_empty_object_as_all() {
        Filter parsed = FilterJson.parse("{\"and\": [{\"field\": \"tags\", \"op\": \"contains\", \"value\": \"cat\"},"
                + " {\"or\": [{}, {\"not\": {\"field\": \"id\", \"op\": \"in\", \"value\": [\"x\"]}}]}]}");

        assertThat(parsed)
                .isEqualTo(Filter.and(
                        Filter.tagContains("cat"), Filter.or(Filter.all(), Filter.not(Filter.in("id", List.of("x"))))));
        assertThat(FilterJson.parse((String) null)).isEqualTo(Filter.all());
        assertThat(FilterJson.parse("  ")).isEqualTo(Filter.all());
        assertThat(FilterJson.parse("null")).isEqualTo(Filter.all());
    }

    @Test
    void write_round_trips_every_shape() {
        Filter filter = Filter.or(
                Filter.and(
                        Filter.range("width", Filter.Op.GT, Long.MAX_VALUE),
                        Filter.range("indexedAt", Filter.Op.GTE, Instant.parse("2024-01-01T00:00:00.123Z"))),
                Filter.not(Filter.notIn("title", List.of("' OR 1=1 --", "\") or (id != \"", "\\", "🙂\u202E"))),
                Filter.in("height", List.of(1L, -2L)),
                Filter.tagContains("title:x AND y"),
                Filter.all());

        assertThat(FilterJson.parse(FilterJson.write(filter))).isEqualTo(filter);
        assertThat(FilterJson.write(Filter.eq("width", 5L)))
                .isEqualTo("{\"field\":\"width\",\"op\":\"eq\",\"value\":5}");
    }

    @Test
    void hostile_strings_stay_plain_values() {
        for (String value : VectorStoreContract.hostileValues()) {
            Filter expected = Filter.eq("title", value);
            assertThat(FilterJson.parse(FilterJson.write(expected))).isEqualTo(expected);
        }
        assertThat(FilterJson.parse("{\"field\": \"title\", \"op\": \"eq\", \"value\": \"\\\" } , {\\\"or\\\": [\"}"))
                .isEqualTo(Filter.eq("title", "\" } , {\"or\": ["));
    }

    @Test
    void rejections_name_the_path_and_what_was_expected() {
        assertRejected(
                "{\"and\": [{}, {\"field\": \"width\", \"op\": \"gte\", \"value\": \"800\"}]}",
                "$.and[1].value",
                "whole number");
        assertRejected("{\"field\": \"width\", \"op\": \"gte\", \"value\": 800.5}", "$.value", "whole number");
        assertRejected(
                "{\"field\": \"width\", \"op\": \"eq\", \"value\": 99999999999999999999}", "$.value", "whole number");
        assertRejected("{\"field\": \"takenAt\", \"op\": \"gt\", \"value\": \"yesterday\"}", "$.value", "ISO-8601");
        assertRejected(
                "{\"field\": \"takenAt\", \"op\": \"gt\", \"value\": \"2024-05-01T12:00:00\"}", "$.value", "zone");
        assertRejected("{\"field\": \"title\", \"op\": \"like\", \"value\": \"a%\"}", "$.op", "eq, ne");
        assertRejected("{\"field\": \"title\", \"op\": \"gt\", \"value\": \"a\"}", "$:", "ranges apply");
        assertRejected("{\"field\": \"nope\", \"op\": \"eq\", \"value\": \"a\"}", "$.field", "unknown filter field");
        assertRejected(
                "{\"field\": \"extra.a\\\" or 1\", \"op\": \"eq\", \"value\": \"a\"}", "$.field", "extra field key");
        assertRejected("{\"field\": \"title\", \"op\": \"eq\", \"value\": null}", "$.value", "JSON string");
        assertRejected("{\"field\": \"title\", \"op\": \"eq\", \"value\": [\"a\"]}", "$.value", "an array");
        assertRejected("{\"field\": \"title\", \"op\": \"in\", \"value\": []}", "$.value", "non-empty array");
        assertRejected("{\"field\": \"title\", \"op\": \"in\", \"value\": [\"a\", 1]}", "$.value[1]", "JSON string");
        assertRejected("{\"field\": \"tags\", \"op\": \"eq\", \"value\": \"a\"}", "$:", "only contains");
        assertRejected("{\"field\": \"title\", \"op\": \"eq\", \"value\": \"a\", \"or\": []}", "$:", "stand alone");
        assertRejected(
                "{\"field\": \"title\", \"op\": \"eq\", \"value\": \"a\", \"boost\": 2}", "$:", "unexpected key");
        assertRejected("{\"field\": \"title\", \"op\": \"eq\", \"value\": \"a\", \"value\": \"b\"}", "", "Duplicate");
        assertRejected("{\"and\": []}", "$.and", "non-empty array");
        assertRejected("{\"not\": [{}]}", "$.not", "filter object");
        assertRejected("[{}]", "$", "filter object");
        assertRejected("{\"field\": \"title\"", "", "not valid JSON");
        assertRejected("{\"field\": \"title\", \"op\": \"eq\", \"value\": \"" + "x".repeat(1025) + "\"}", "$:", "1024");
    }

    @Test
    void depth_and_node_count_are_bounded() {
        String leaf = "{\"field\": \"width\", \"op\": \"eq\", \"value\": 1}";
        assertThat(FilterJson.parse("{\"not\":".repeat(15) + leaf + "}".repeat(15)))
                .isNotNull();
        assertRejected("{\"not\":".repeat(16) + leaf + "}".repeat(16), "$" + ".not".repeat(16), "16 levels");
        assertRejected("{\"not\":".repeat(5000) + leaf + "}".repeat(5000), "", "not valid JSON");

        String wide = "{\"or\": [" + String.join(",", java.util.Collections.nCopies(255, leaf)) + "]}";
        assertThat(FilterJson.parse(wide)).isInstanceOf(Filter.Or.class);
        String tooWide = "{\"or\": [" + String.join(",", java.util.Collections.nCopies(256, leaf)) + "]}";
        assertRejected(tooWide, "$.or[255]", "256 nodes");
        assertRejected(" ".repeat(FilterJson.MAX_JSON_LENGTH + 1) + "{}", "", "characters of JSON");
    }

    private static void assertRejected(String json, String path, String expected) {
        assertThatThrownBy(() -> FilterJson.parse(json))
                .isInstanceOf(InvalidFilterException.class)
                .hasMessageStartingWith(path)
                .hasMessageContaining(expected);
    }
}
