package dev.loupe.vectorstore;

import java.time.Instant;
import java.util.List;

/** Checks filter operands against their field's type, so adapters only ever see well-typed trees. */
final class FilterValues {

    static final int MAX_IN_VALUES = 1000;
    static final int MAX_STRING_LENGTH = 1024;

    private FilterValues() {}

    static void check(FilterField field, Filter.Op op, Object value) {
        if (field == null || op == null) {
            throw new InvalidFilterException("a comparison needs a field and an operator");
        }
        if (field.type() == FilterField.Type.STRING_LIST) {
            if (op != Filter.Op.CONTAINS) {
                throw new InvalidFilterException("'" + field.name() + "' supports only contains");
            }
            single(field, FilterField.Type.STRING, value);
            return;
        }
        switch (op) {
            case CONTAINS -> throw new InvalidFilterException("contains applies to tags, not '" + field.name() + "'");
            case IN, NOT_IN -> {
                if (!(value instanceof List<?> values) || values.isEmpty()) {
                    throw new InvalidFilterException(
                            op.name().toLowerCase() + " on '" + field.name() + "' needs a non-empty list of values");
                }
                if (values.size() > MAX_IN_VALUES) {
                    throw new InvalidFilterException(
                            op.name().toLowerCase() + " takes at most " + MAX_IN_VALUES + " values");
                }
                values.forEach(v -> single(field, field.type(), v));
            }
            case GT, GTE, LT, LTE -> {
                if (field.type() == FilterField.Type.STRING) {
                    throw new InvalidFilterException(
                            "'" + field.name() + "' is text; ranges apply to numbers and dates");
                }
                single(field, field.type(), value);
            }
            default -> single(field, field.type(), value);
        }
    }

    private static void single(FilterField field, FilterField.Type type, Object value) {
        boolean ok =
                switch (type) {
                    case STRING -> value instanceof String s && s.length() <= MAX_STRING_LENGTH;
                    case INTEGER -> value instanceof Long;
                    case NUMBER -> value instanceof Double d && Double.isFinite(d);
                    case INSTANT -> value instanceof Instant;
                    case STRING_LIST -> false;
                };
        if (!ok) {
            throw new InvalidFilterException("'" + field.name() + "' takes " + describe(type) + ", got "
                    + (value == null ? "null" : "'" + value + "'"));
        }
    }

    private static String describe(FilterField.Type type) {
        return switch (type) {
            case STRING -> "text of at most " + MAX_STRING_LENGTH + " characters";
            case INTEGER -> "a whole number";
            case NUMBER -> "a finite number";
            case INSTANT -> "a date-time (ISO-8601, e.g. 2024-05-01T12:00:00Z)";
            case STRING_LIST -> "a list";
        };
    }

    static List<Filter> operands(String name, List<Filter> filters) {
        // a stream, not contains(null): immutable lists throw on contains(null)
        if (filters == null || filters.isEmpty() || filters.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidFilterException(name + " needs at least one filter");
        }
        return List.copyOf(filters);
    }
}
