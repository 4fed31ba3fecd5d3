package dev.loupe.vectorstore.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.vectorstore.Filter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MilvusFilterTranslatorTest {

    private final MilvusFilterTranslator bound = new MilvusFilterTranslator(true);
    private final MilvusFilterTranslator literal = new MilvusFilterTranslator(false);

    @Test
    void binds_every_value_as_a_template_parameter() {
        MilvusExpression e =
                bound.translate(Filter.and(Filter.eq("source", "x\" or 1==1 or \""), Filter.tagContains("cat")));

        assertThat(e.expression())
                .isEqualTo("((source is not null and source == {p0}) and array_contains(tags, {p1}))");
        assertThat(e.values()).isEqualTo(Map.of("p0", "x\" or 1==1 or \"", "p1", "cat"));
    }

    @Test
    void guards_every_comparison_so_absent_fields_never_match_even_negated_ones() {
        assertThat(bound.translate(Filter.ne("width", 3L)).expression())
                .isEqualTo("(width is not null and width != {p0})");
        assertThat(bound.translate(Filter.notIn("extra.camera", List.of("a", "b")))
                        .expression())
                .isEqualTo("(exists extra[\"camera\"] and extra[\"camera\"] != {p0} and extra[\"camera\"] != {p1})");
        assertThat(bound.translate(Filter.in("extra.camera", List.of("a", "b"))).expression())
                .isEqualTo("(exists extra[\"camera\"] and (extra[\"camera\"] == {p0} or extra[\"camera\"] == {p1}))");
        assertThat(bound.translate(Filter.not(Filter.eq("title", "t"))).expression())
                .isEqualTo("not ((title is not null and title == {p0}))");
    }

    @Test
    void the_primary_key_needs_no_guard() {
        assertThat(bound.translate(Filter.in("id", List.of("a", "b"))).expression())
                .isEqualTo("id in {p0}");
        assertThat(bound.translate(Filter.in("id", List.of("a", "b"))).values())
                .isEqualTo(Map.of("p0", List.of("a", "b")));
    }

    @Test
    void instants_are_bound_as_epoch_milliseconds() {
        MilvusExpression e =
                bound.translate(Filter.range("takenAt", Filter.Op.GTE, Instant.parse("2024-05-01T12:00:00.123456Z")));

        assertThat(e.expression()).isEqualTo("(takenAt is not null and takenAt >= {p0})");
        assertThat(e.values()).isEqualTo(Map.of("p0", 1_714_564_800_123L));
    }

    @Test
    void escapes_quotes_backslashes_and_line_breaks_in_literals() {
        assertThat(MilvusFilterTranslator.literal("a\"b\\c\nd\re\tf'g%_")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf'g%_\"");
        assertThat(MilvusFilterTranslator.literal("\\\"")).isEqualTo("\"\\\\\\\"\"");
        assertThat(MilvusFilterTranslator.literal(List.of("x", "y\""))).isEqualTo("[\"x\", \"y\\\"\"]");
    }

    @Test
    void hostile_values_stay_inside_one_literal_when_values_cannot_be_bound() {
        String hostile = "\\\" or id != \"";
        MilvusExpression e = literal.translate(Filter.eq("extra.note", hostile));

        assertThat(e.values()).isEmpty();
        assertThat(e.expression())
                .isEqualTo("(exists extra[\"note\"] and extra[\"note\"] == \"\\\\\\\" or id != \\\"\")");
    }

    @Test
    void literal_mode_writes_numbers_and_lists_in_place() {
        assertThat(literal.translate(Filter.in("height", List.of(1L, 2L))).expression())
                .isEqualTo("(height is not null and height in [1, 2])");
    }

    @Test
    void constant_filters_fold_instead_of_reaching_milvus() {
        assertThat(bound.translate(Filter.all())).isEqualTo(MilvusExpression.ALL);
        assertThat(bound.translate(Filter.not(Filter.all()))).isEqualTo(MilvusExpression.NONE);
        assertThat(bound.translate(Filter.and(Filter.all(), Filter.eq("id", "a")))
                        .expression())
                .isEqualTo("id == {p0}");
        assertThat(bound.translate(Filter.or(Filter.not(Filter.all()), Filter.all())))
                .isEqualTo(MilvusExpression.ALL);
        assertThat(bound.translate(Filter.and(Filter.eq("id", "a"), Filter.not(Filter.all()))))
                .isEqualTo(MilvusExpression.NONE);
    }

    @Test
    void excluded_ids_are_bound_and_anded_with_the_filter() {
        MilvusExpression e = bound.translate(Filter.eq("id", "a"), List.of("b\"", "c"));

        assertThat(e.expression()).isEqualTo("(id == {p0} and id not in {p1})");
        assertThat(e.values()).isEqualTo(Map.of("p0", "a", "p1", List.of("b\"", "c")));
        assertThat(bound.translate(Filter.all(), List.of("b")).expression()).isEqualTo("id not in {p0}");
    }
}
