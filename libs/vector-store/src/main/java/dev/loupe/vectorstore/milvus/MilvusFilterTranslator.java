package dev.loupe.vectorstore.milvus;

import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.FilterField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates the {@link Filter} tree into a Milvus boolean expression.
 *
 * <p>Field names come from the fixed schema ({@link MilvusSchema}) or, for {@code extra.<key>}, from a
 * key {@link FilterField} has already validated; user values are never spliced: they are bound as
 * expression-template values ({@code {p0}}) or, where the server cannot bind (milvus-lite ignores
 * {@code filterTemplateValues}), rendered by the one audited {@link #literal} function.
 *
 * <p>Semantics shared with the Lucene adapter: every comparison is false on a record lacking the field
 * (null column, absent extra key, empty tags), NE and NOT_IN included, so each comparison carries an
 * explicit presence guard; that keeps every sub-expression two-valued, and {@code not (f)} is then true
 * exactly when {@code f} is false, whatever Milvus' own null logic does. Strings compare with
 * {@code ==} (no LIKE, so {@code %} and {@code _} are plain characters); instants compare as epoch
 * milliseconds.
 */
final class MilvusFilterTranslator {

    /** Where a filter field lives in a collection's schema. */
    sealed interface Column {
        /** A scalar column; a nullable one gets an {@code is not null} guard. */
        record Scalar(String name, boolean nullable) implements Column {}

        /** A key of a JSON column, its name already validated as {@code [A-Za-z][A-Za-z0-9_]*}. */
        record JsonKey(String json, String key) implements Column {}

        /** An ARRAY of strings, tested with {@code array_contains}. */
        record Array(String name) implements Column {}

        /** A list of strings under a key of a JSON column, tested with {@code json_contains}. */
        record JsonArray(String json, String key) implements Column {}
    }

    private final boolean bindValues;
    private final java.util.function.Function<FilterField, Column> columns;

    /**
     * A translator for photo collections.
     *
     * @param bindValues true to use expression templates (Milvus 2.5+), false for escaped literals
     */
    MilvusFilterTranslator(boolean bindValues) {
        this(bindValues, MilvusFilterTranslator::photoColumn);
    }

    /**
     * @param bindValues true to use expression templates (Milvus 2.5+), false for escaped literals
     * @param columns where each field the collection's filters may name lives
     */
    MilvusFilterTranslator(boolean bindValues, java.util.function.Function<FilterField, Column> columns) {
        this.bindValues = bindValues;
        this.columns = columns;
    }

    private static Column photoColumn(FilterField field) {
        if (field.type() == FilterField.Type.STRING_LIST) {
            return new Column.Array(MilvusSchema.TAGS);
        }
        String key = field.extraKey();
        if (key != null) {
            return new Column.JsonKey(MilvusSchema.EXTRA, key);
        }
        String column = MilvusSchema.column(field);
        return new Column.Scalar(column, !MilvusSchema.ID.equals(column));
    }

    /** The filter, with records whose id is in {@code excludedIds} left out. */
    MilvusExpression translate(Filter filter, Collection<String> excludedIds) {
        Translation t = new Translation();
        Node node = t.node(filter);
        if (!excludedIds.isEmpty()) {
            Node exclusion = new Node(MilvusSchema.ID + " not in " + t.bind(List.copyOf(excludedIds)));
            node = node == Node.NONE ? Node.NONE : node == Node.ALL ? exclusion : and(List.of(node, exclusion));
        }
        if (node == Node.ALL) {
            return MilvusExpression.ALL;
        }
        if (node == Node.NONE) {
            return MilvusExpression.NONE;
        }
        return new MilvusExpression(MilvusExpression.Kind.EXPRESSION, node.text, t.values);
    }

    MilvusExpression translate(Filter filter) {
        return translate(filter, List.of());
    }

    /** {@code id in [...]}, for get and delete by id. */
    MilvusExpression idsIn(Collection<String> ids) {
        Translation t = new Translation();
        return new MilvusExpression(
                MilvusExpression.Kind.EXPRESSION, MilvusSchema.ID + " in " + t.bind(List.copyOf(ids)), t.values);
    }

    /** An expression fragment, or one of the constants (which Milvus expressions cannot all spell). */
    private record Node(String text) {
        static final Node ALL = new Node("<all>");
        static final Node NONE = new Node("<none>");
    }

    private final class Translation {
        private final Map<String, Object> values = new LinkedHashMap<>();

        Node node(Filter filter) {
            return switch (filter) {
                case Filter.All all -> Node.ALL;
                case Filter.Compare c -> new Node(compare(c));
                case Filter.And and -> {
                    List<Node> parts = new ArrayList<>();
                    for (Filter f : and.filters()) {
                        Node n = node(f);
                        if (n == Node.NONE) {
                            yield Node.NONE;
                        }
                        if (n != Node.ALL) {
                            parts.add(n);
                        }
                    }
                    yield parts.isEmpty() ? Node.ALL : MilvusFilterTranslator.and(parts);
                }
                case Filter.Or or -> {
                    List<Node> parts = new ArrayList<>();
                    for (Filter f : or.filters()) {
                        Node n = node(f);
                        if (n == Node.ALL) {
                            yield Node.ALL;
                        }
                        if (n != Node.NONE) {
                            parts.add(n);
                        }
                    }
                    yield parts.isEmpty() ? Node.NONE : parts.size() == 1 ? parts.getFirst() : join(parts, " or ");
                }
                case Filter.Not not -> {
                    Node inner = node(not.filter());
                    yield inner == Node.ALL
                            ? Node.NONE
                            : inner == Node.NONE ? Node.ALL : new Node("not (" + inner.text + ")");
                }
            };
        }

        private String compare(Filter.Compare c) {
            Column where = columns.apply(c.field());
            String column;
            String present;
            switch (where) {
                case Column.Array array -> {
                    // an empty array contains nothing, so no presence guard is needed
                    return "array_contains(" + array.name() + ", " + bind(c.value()) + ")";
                }
                case Column.JsonArray array -> {
                    // an absent key or a non-list value contains nothing
                    return "json_contains(" + array.json() + "[" + literal(array.key()) + "], " + bind(c.value()) + ")";
                }
                case Column.JsonKey json -> {
                    // the key matched [A-Za-z][A-Za-z0-9_]* when its field was resolved, so quoting it
                    // cannot break out
                    column = json.json() + "[" + literal(json.key()) + "]";
                    present = "exists " + column;
                }
                case Column.Scalar scalar -> {
                    column = scalar.name();
                    present = scalar.nullable() ? column + " is not null" : null;
                }
            }
            if (where instanceof Column.JsonKey && (c.op() == Filter.Op.IN || c.op() == Filter.Op.NOT_IN)) {
                // milvus-lite refuses IN on a JSON path; == / != chains mean the same on both servers
                boolean in = c.op() == Filter.Op.IN;
                StringBuilder chain = new StringBuilder(in ? "(" : "");
                List<?> values = (List<?>) c.value();
                for (int i = 0; i < values.size(); i++) {
                    chain.append(i == 0 ? "" : in ? " or " : " and ")
                            .append(column)
                            .append(in ? " == " : " != ")
                            .append(bind(values.get(i)));
                }
                return "(" + present + " and " + chain.append(in ? ")" : "") + ")";
            }
            String test =
                    switch (c.op()) {
                        case EQ -> column + " == " + bind(c.value());
                        case NE -> column + " != " + bind(c.value());
                        case GT -> column + " > " + bind(c.value());
                        case GTE -> column + " >= " + bind(c.value());
                        case LT -> column + " < " + bind(c.value());
                        case LTE -> column + " <= " + bind(c.value());
                        case IN -> column + " in " + bind(c.value());
                        case NOT_IN -> column + " not in " + bind(c.value());
                        case CONTAINS -> throw new IllegalStateException("contains is checked to apply to tags");
                    };
            return present == null ? test : "(" + present + " and " + test + ")";
        }

        /** A placeholder bound to the value, or the value's escaped literal. */
        String bind(Object value) {
            Object plain = plain(value);
            if (!bindValues) {
                return literal(plain);
            }
            String name = "p" + values.size();
            values.put(name, plain);
            return "{" + name + "}";
        }
    }

    private static Node and(List<Node> parts) {
        return parts.size() == 1 ? parts.getFirst() : join(parts, " and ");
    }

    private static Node join(List<Node> parts, String op) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < parts.size(); i++) {
            b.append(i == 0 ? "" : op).append(parts.get(i).text);
        }
        return new Node(b.append(')').toString());
    }

    /** Instants become epoch milliseconds (the stored precision); lists are converted element-wise. */
    private static Object plain(Object value) {
        return switch (value) {
            case Instant i -> i.toEpochMilli();
            case List<?> list ->
                list.stream().map(MilvusFilterTranslator::plain).toList();
            default -> value;
        };
    }

    /**
     * The one place a value becomes expression text: strings are double-quoted with backslash, quote
     * and line-break escapes (the escapes both Milvus' Plan.g4/Go {@code strconv.Unquote} and
     * milvus-lite's tokenizer read back to the same character; other characters, control characters
     * included, are legal inside a literal as they are), numbers in decimal, lists in brackets.
     */
    static String literal(Object value) {
        return switch (value) {
            case String s -> quote(s);
            case Long l -> Long.toString(l);
            case Double d -> java.math.BigDecimal.valueOf(d).toPlainString();
            case Integer i -> Integer.toString(i);
            case List<?> list -> {
                StringBuilder b = new StringBuilder("[");
                for (int i = 0; i < list.size(); i++) {
                    b.append(i == 0 ? "" : ", ").append(literal(list.get(i)));
                }
                yield b.append(']').toString();
            }
            default ->
                throw new IllegalArgumentException(
                        "no Milvus literal for " + value.getClass().getSimpleName());
        };
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
