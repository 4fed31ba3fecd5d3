package dev.loupe.vectorstore.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.vectorstore.Filter;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;

class LuceneFilterTranslatorTest {

    @Test
    void query_syntax_in_a_value_becomes_one_exact_term() {
        for (String value : List.of("title:x AND y", "*:*", "a*", "\") or (id != \"", "\\")) {
            assertThat(LuceneFilterTranslator.translate(Filter.eq("title", value)))
                    .isEqualTo(new TermQuery(new Term("title", value)));
        }
    }

    @Test
    void ne_requires_the_field_to_be_present() {
        Query query = LuceneFilterTranslator.translate(Filter.ne("extra.camera", "X100"));

        assertThat(query).isInstanceOf(BooleanQuery.class);
        assertThat(((BooleanQuery) query).clauses())
                .containsExactly(
                        new BooleanClause(
                                new TermQuery(new Term("_present", "extra.camera")), BooleanClause.Occur.FILTER),
                        new BooleanClause(
                                new TermQuery(new Term("extra.camera", "X100")), BooleanClause.Occur.MUST_NOT));
    }

    @Test
    void open_ended_ranges_at_the_long_limits_match_nothing_instead_of_overflowing() {
        assertThat(LuceneFilterTranslator.translate(Filter.range("width", Filter.Op.GT, Long.MAX_VALUE)))
                .isInstanceOf(MatchNoDocsQuery.class);
        assertThat(LuceneFilterTranslator.translate(Filter.range("width", Filter.Op.LT, Long.MIN_VALUE)))
                .isInstanceOf(MatchNoDocsQuery.class);
        assertThat(LuceneFilterTranslator.translate(Filter.all())).isInstanceOf(MatchAllDocsQuery.class);
    }
}
