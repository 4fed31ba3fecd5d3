package dev.loupe.vectorstore.lexical;

import dev.loupe.vectorstore.WireNames;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * How a text collection's texts become the terms of its lexical (BM25) index, and its queries too.
 * One choice per collection, so that a query is always analysed as its documents were.
 */
public enum TextAnalysis {
    /**
     * Unicode word breaks and lower case, no stemming and no stop words: English and other
     * space-separated languages. Chinese characters become one term each.
     */
    STANDARD,
    /**
     * Overlapping pairs of CJK characters (二次函数 → 二次, 次函, 函数) and words elsewhere: finds a
     * fragment of a Chinese question wherever it starts, with no dictionary. The default for Chinese.
     */
    CJK_BIGRAM,
    /** Dictionary word segmentation of Simplified Chinese (Lucene's SmartChinese), English stemmed. */
    SMART_CHINESE;

    /** A new analyzer; Lucene analyzers are thread-safe and meant to be kept. */
    public Analyzer analyzer() {
        return switch (this) {
            case STANDARD -> new StandardAnalyzer(CharArraySet.EMPTY_SET);
            case CJK_BIGRAM -> new CJKAnalyzer(CharArraySet.EMPTY_SET);
            case SMART_CHINESE -> new SmartChineseAnalyzer(CharArraySet.EMPTY_SET);
        };
    }

    /** The name as written in a collection's settings ({@code cjk-bigram}). */
    public String wireName() {
        return WireNames.of(this);
    }

    /**
     * Parses a collection's setting.
     *
     * @throws IllegalArgumentException naming the choices
     */
    public static TextAnalysis parse(String name) {
        return WireNames.parse(values(), name, "text analysis");
    }

    /** What a collection embedded by a model gets unless it says otherwise: CJK bigrams for Chinese models. */
    public static TextAnalysis defaultFor(String modelId) {
        return modelId != null && modelId.toLowerCase(Locale.ROOT).contains("-zh") ? CJK_BIGRAM : STANDARD;
    }
}
