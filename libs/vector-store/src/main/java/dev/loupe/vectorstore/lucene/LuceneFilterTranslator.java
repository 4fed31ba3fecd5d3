package dev.loupe.vectorstore.lucene;

import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.FilterField;
import java.time.Instant;
import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Translates a {@link Filter} into Lucene {@link Query} objects. Values become terms and points,
 * never query text, so query syntax in a value is inert. A comparison on a field the record lacks is
 * false: NE and NOT_IN also require the field to be present ({@link RecordDocuments#PRESENT}).
 */
final class LuceneFilterTranslator {

    private LuceneFilterTranslator() {}

    static Query translate(Filter filter) {
        return switch (filter) {
            case Filter.All all -> new MatchAllDocsQuery();
            case Filter.Compare compare -> compare(compare);
            case Filter.And and -> {
                BooleanQuery.Builder b = new BooleanQuery.Builder();
                and.filters().forEach(f -> b.add(translate(f), Occur.FILTER));
                yield b.build();
            }
            case Filter.Or or -> {
                BooleanQuery.Builder b = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
                or.filters().forEach(f -> b.add(translate(f), Occur.SHOULD));
                yield b.build();
            }
            case Filter.Not not -> without(new MatchAllDocsQuery(), translate(not.filter()));
        };
    }

    private static Query compare(Filter.Compare c) {
        FilterField field = c.field();
        String name = RecordDocuments.indexName(field);
        return switch (field.type()) {
            case STRING, STRING_LIST -> text(name, c.op(), c.value());
            case INTEGER -> number(name, c.op(), c.value(), v -> (Long) v);
            case INSTANT -> number(name, c.op(), c.value(), v -> ((Instant) v).toEpochMilli());
        };
    }

    private static Query text(String name, Filter.Op op, Object value) {
        return switch (op) {
            case EQ, CONTAINS -> new TermQuery(new Term(name, (String) value));
            case NE -> without(present(name), new TermQuery(new Term(name, (String) value)));
            case IN -> terms(name, (List<?>) value);
            case NOT_IN -> without(present(name), terms(name, (List<?>) value));
            default -> throw new IllegalStateException("ranges on text are rejected by Filter: " + op);
        };
    }

    private static Query terms(String name, List<?> values) {
        return new TermInSetQuery(
                name, values.stream().map(v -> new BytesRef((String) v)).toList());
    }

    private static Query number(
            String name, Filter.Op op, Object value, java.util.function.Function<Object, Long> asLong) {
        if (op == Filter.Op.IN || op == Filter.Op.NOT_IN) {
            long[] values = ((List<?>) value).stream().mapToLong(asLong::apply).toArray();
            Query set = LongPoint.newSetQuery(name, values);
            return op == Filter.Op.IN ? set : without(present(name), set);
        }
        long v = asLong.apply(value);
        return switch (op) {
            case EQ -> LongPoint.newExactQuery(name, v);
            case NE -> without(present(name), LongPoint.newExactQuery(name, v));
            case GT ->
                v == Long.MAX_VALUE ? new MatchNoDocsQuery() : LongPoint.newRangeQuery(name, v + 1, Long.MAX_VALUE);
            case GTE -> LongPoint.newRangeQuery(name, v, Long.MAX_VALUE);
            case LT ->
                v == Long.MIN_VALUE ? new MatchNoDocsQuery() : LongPoint.newRangeQuery(name, Long.MIN_VALUE, v - 1);
            case LTE -> LongPoint.newRangeQuery(name, Long.MIN_VALUE, v);
            default -> throw new IllegalStateException("contains on numbers is rejected by Filter");
        };
    }

    /** Records that hold the field at all. */
    static Query present(String indexName) {
        return new TermQuery(new Term(RecordDocuments.PRESENT, indexName));
    }

    /** Matches {@code base} and not {@code excluded}. */
    static Query without(Query base, Query excluded) {
        return new BooleanQuery.Builder()
                .add(base, Occur.FILTER)
                .add(excluded, Occur.MUST_NOT)
                .build();
    }
}
