package dev.loupe.vectorstore.lucene;

import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.FilterField;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.document.DoublePoint;
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

    /** A filter over a photo collection's fields. */
    static Query translate(Filter filter) {
        return translate(filter, RecordDocuments::indexName);
    }

    /** A filter whose fields are indexed under the names {@code indexName} gives. */
    static Query translate(Filter filter, Function<FilterField, String> indexName) {
        return switch (filter) {
            case Filter.All all -> new MatchAllDocsQuery();
            case Filter.Compare compare -> compare(compare, indexName.apply(compare.field()));
            case Filter.And and -> {
                BooleanQuery.Builder b = new BooleanQuery.Builder();
                and.filters().forEach(f -> b.add(translate(f, indexName), Occur.FILTER));
                yield b.build();
            }
            case Filter.Or or -> {
                BooleanQuery.Builder b = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
                or.filters().forEach(f -> b.add(translate(f, indexName), Occur.SHOULD));
                yield b.build();
            }
            case Filter.Not not -> without(new MatchAllDocsQuery(), translate(not.filter(), indexName));
        };
    }

    private static Query compare(Filter.Compare c, String name) {
        return switch (c.field().type()) {
            case STRING, STRING_LIST -> text(name, c.op(), c.value());
            case INTEGER -> number(name, c.op(), c.value(), v -> (Long) v);
            case NUMBER -> decimal(name, c.op(), c.value());
            case INSTANT -> number(name, c.op(), c.value(), v -> ((Instant) v).toEpochMilli());
        };
    }

    /** Decimal values, indexed as {@link DoublePoint}s; open bounds step to the adjacent double. */
    private static Query decimal(String name, Filter.Op op, Object value) {
        if (op == Filter.Op.IN || op == Filter.Op.NOT_IN) {
            double[] values = ((List<?>) value)
                    .stream().mapToDouble(v -> (Double) v + 0.0).toArray();
            Query set = DoublePoint.newSetQuery(name, values);
            return op == Filter.Op.IN ? set : without(present(name), set);
        }
        double v = (Double) value + 0.0; // -0.0 is indexed as 0.0
        return switch (op) {
            case EQ -> DoublePoint.newExactQuery(name, v);
            case NE -> without(present(name), DoublePoint.newExactQuery(name, v));
            case GT -> DoublePoint.newRangeQuery(name, Math.nextUp(v), Double.POSITIVE_INFINITY);
            case GTE -> DoublePoint.newRangeQuery(name, v, Double.POSITIVE_INFINITY);
            case LT -> DoublePoint.newRangeQuery(name, Double.NEGATIVE_INFINITY, Math.nextDown(v));
            case LTE -> DoublePoint.newRangeQuery(name, Double.NEGATIVE_INFINITY, v);
            default -> throw new IllegalStateException("contains on numbers is rejected by Filter");
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
