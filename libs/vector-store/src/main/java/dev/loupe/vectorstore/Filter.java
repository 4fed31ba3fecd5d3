package dev.loupe.vectorstore;

import java.time.Instant;
import java.util.List;

/**
 * The structured filter language: comparisons on one field, combined with and / or / not. Values
 * are typed and checked against their field on construction; adapters translate the tree with
 * escaping or bound parameters and never splice user text into an expression.
 *
 * <p>Values: {@link String} for STRING fields, {@link Long} for INTEGER, {@link Instant} for
 * INSTANT; {@link Op#CONTAINS} takes a String and applies to STRING_LIST fields ({@code tags}).
 *
 * <p>Semantics every adapter follows (the contract suite checks them):
 *
 * <ul>
 *   <li>Every comparison is false on a record that lacks the field (a null value, an absent
 *       {@code extra} key, no tags), NE and NOT_IN included: {@code title != "x"} does not match a
 *       record without a title.
 *   <li>{@link Not} is true exactly when its operand is false, so {@code not(title == "x")} does match
 *       a record without a title.
 *   <li>Strings compare exactly: case-sensitive, no wildcards or patterns; {@code %}, {@code _},
 *       {@code *}, {@code ?}, backslashes, quotes and query syntax are ordinary characters.
 *   <li>Instants compare at millisecond precision (stores keep epoch milliseconds).
 *   <li>{@link And} and {@link Or} take at least one operand; {@link All} matches every record.
 * </ul>
 */
public sealed interface Filter {

    /** Comparison operators. */
    enum Op {
        EQ,
        NE,
        GT,
        GTE,
        LT,
        LTE,
        IN,
        NOT_IN,
        /** The list field holds the value ({@code tags} contains "cat"). */
        CONTAINS
    }

    /** Matches every record. */
    record All() implements Filter {}

    /**
     * {@code field op value}; for IN and NOT_IN the value is a non-empty {@link List} of values.
     */
    record Compare(FilterField field, Op op, Object value) implements Filter {
        public Compare {
            FilterValues.check(field, op, value);
            value = op == Op.IN || op == Op.NOT_IN ? List.copyOf((List<?>) value) : value;
        }
    }

    record And(List<Filter> filters) implements Filter {
        public And {
            filters = FilterValues.operands("and", filters);
        }
    }

    record Or(List<Filter> filters) implements Filter {
        public Or {
            filters = FilterValues.operands("or", filters);
        }
    }

    record Not(Filter filter) implements Filter {
        public Not {
            if (filter == null) {
                throw new InvalidFilterException("not needs a filter");
            }
        }
    }

    static Filter all() {
        return new All();
    }

    static Filter eq(String field, Object value) {
        return new Compare(FilterField.named(field), Op.EQ, value);
    }

    static Filter ne(String field, Object value) {
        return new Compare(FilterField.named(field), Op.NE, value);
    }

    static Filter in(String field, List<?> values) {
        return new Compare(FilterField.named(field), Op.IN, values);
    }

    static Filter notIn(String field, List<?> values) {
        return new Compare(FilterField.named(field), Op.NOT_IN, values);
    }

    static Filter range(String field, Op op, Object value) {
        return new Compare(FilterField.named(field), op, value);
    }

    static Filter tagContains(String tag) {
        return new Compare(FilterField.named("tags"), Op.CONTAINS, tag);
    }

    static Filter and(Filter... filters) {
        return new And(filters == null ? null : java.util.Arrays.asList(filters));
    }

    static Filter or(Filter... filters) {
        return new Or(filters == null ? null : java.util.Arrays.asList(filters));
    }

    static Filter not(Filter filter) {
        return new Not(filter);
    }
}
