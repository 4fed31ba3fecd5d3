package dev.loupe.vectorstore.lexical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TextAnalysisTest {

    /** A few questions of a Chinese question bank (written for this test). */
    private static final List<String> QUESTIONS = List.of(
            "已知二次函数的图像经过三个点，求这个函数的解析式",
            "求二次函数图像的顶点坐标和对称轴",
            "一元二次方程的根与系数有什么关系",
            "三角形的内角和为什么等于一百八十度",
            "如何用配方法解一元二次方程",
            "Loupe 支持中文和 English 混合查询");

    @Test
    void cjk_bigrams_pair_chinese_characters_and_keep_english_words() throws IOException {
        assertThat(terms(TextAnalysis.CJK_BIGRAM, "二次函数 Quadratic functions"))
                .containsExactly("二次", "次函", "函数", "quadratic", "functions");
    }

    @Test
    void smart_chinese_segments_words() throws IOException {
        assertThat(terms(TextAnalysis.SMART_CHINESE, "求二次函数的顶点坐标")).contains("函数", "顶点", "坐标");
    }

    @Test
    void standard_analysis_lowercases_words_and_splits_chinese_into_characters() throws IOException {
        assertThat(terms(TextAnalysis.STANDARD, "How do I Reset my password?"))
                .containsExactly("how", "do", "i", "reset", "my", "password");
        assertThat(terms(TextAnalysis.STANDARD, "函数")).containsExactly("函", "数");
    }

    @ParameterizedTest
    @EnumSource(
            value = TextAnalysis.class,
            names = {"CJK_BIGRAM", "SMART_CHINESE"})
    void a_fragment_of_a_chinese_question_finds_that_question_first(TextAnalysis analysis) throws IOException {
        // a span from the middle of a question, cut where no word boundary is
        assertThat(top(analysis, "配方法解一元二")).isEqualTo(4);
        assertThat(top(analysis, "图像的顶点坐标")).isEqualTo(1);
        assertThat(top(analysis, "English 混合")).isEqualTo(5);
    }

    @Test
    void settings_parse_by_wire_name_and_chinese_models_default_to_bigrams() {
        assertThat(TextAnalysis.parse("cjk-bigram")).isEqualTo(TextAnalysis.CJK_BIGRAM);
        assertThat(TextAnalysis.parse(" Smart-Chinese ")).isEqualTo(TextAnalysis.SMART_CHINESE);
        assertThatThrownBy(() -> TextAnalysis.parse("jieba"))
                .hasMessage("unknown text analysis 'jieba'; use one of [standard, cjk-bigram, smart-chinese]");
        assertThat(TextAnalysis.defaultFor("bge-small-zh-v1.5")).isEqualTo(TextAnalysis.CJK_BIGRAM);
        assertThat(TextAnalysis.defaultFor("bge-small-en-v1.5")).isEqualTo(TextAnalysis.STANDARD);
    }

    private static List<String> terms(TextAnalysis analysis, String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (Analyzer analyzer = analysis.analyzer();
                TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }

    /** The index in QUESTIONS of the best BM25 hit for a query, analysed as the documents were. */
    private static int top(TextAnalysis analysis, String query) throws IOException {
        try (Analyzer analyzer = analysis.analyzer();
                ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (int i = 0; i < QUESTIONS.size(); i++) {
                    Document document = new Document();
                    document.add(new StringField("id", Integer.toString(i), Field.Store.YES));
                    document.add(new TextField("text", QUESTIONS.get(i), Field.Store.NO));
                    writer.addDocument(document);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                Query parsed = new QueryBuilder(analyzer).createBooleanQuery("text", query);
                ScoreDoc[] hits = searcher.search(parsed, 3).scoreDocs;
                assertThat(hits).as("hits for %s", query).isNotEmpty();
                return Integer.parseInt(
                        searcher.storedFields().document(hits[0].doc).get("id"));
            }
        }
    }
}
