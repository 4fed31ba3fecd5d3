package dev.loupe.vectorstore.milvus;

import java.util.Map;

/**
 * A translated filter: an expression with {@code {pN}} placeholders and the values bound to them, or
 * an expression with escaped literals (then {@code values} is empty), or one of the two constants.
 *
 * @param kind whether the filter matches everything, nothing, or what {@code expression} selects
 * @param expression the Milvus boolean expression; empty unless {@code kind} is {@link Kind#EXPRESSION}
 * @param values the template values for {@code filterTemplateValues}
 */
record MilvusExpression(Kind kind, String expression, Map<String, Object> values) {

    enum Kind {
        MATCH_ALL,
        MATCH_NONE,
        EXPRESSION
    }

    static final MilvusExpression ALL = new MilvusExpression(Kind.MATCH_ALL, "", Map.of());
    static final MilvusExpression NONE = new MilvusExpression(Kind.MATCH_NONE, "", Map.of());

    MilvusExpression {
        values = Map.copyOf(values);
    }

    boolean matchesNothing() {
        return kind == Kind.MATCH_NONE;
    }
}
