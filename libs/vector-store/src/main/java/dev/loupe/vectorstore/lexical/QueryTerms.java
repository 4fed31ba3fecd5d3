package dev.loupe.vectorstore.lexical;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * A query's terms, and where they occur in a text: what lexical search matches on and what a hit
 * highlights. The query text is only ever analysed, never parsed, so query syntax in it is inert.
 */
public final class QueryTerms {

    /** Most distinct terms a query is searched with: room for a long question, bounded for BooleanQuery. */
    public static final int MAX_TERMS = 512;

    /** A matched term's place in a text: {@code text.substring(start, end)}, in UTF-16 offsets. */
    public record Span(int start, int end) {}

    private QueryTerms() {}

    /** The distinct terms of {@code text} in order of first appearance, at most {@value #MAX_TERMS}. */
    public static List<String> of(Analyzer analyzer, String text) {
        Set<String> terms = new LinkedHashSet<>();
        analyse(analyzer, text, (term, start, end) -> {
            terms.add(term);
            return terms.size() < MAX_TERMS;
        });
        return List.copyOf(terms);
    }

    /** Every term of {@code text} in order, repeats included, at most {@value #MAX_TERMS}. */
    public static List<String> sequence(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        analyse(analyzer, text, (term, start, end) -> {
            terms.add(term);
            return terms.size() < MAX_TERMS;
        });
        return terms;
    }

    /**
     * Whether {@code text}'s terms hold {@code phrase} (a {@link #sequence}) contiguously: the query
     * was cut out of it, as a fragment pasted from a question is.
     */
    public static boolean containsPhrase(Analyzer analyzer, String text, List<String> phrase) {
        if (phrase.isEmpty()) {
            return false;
        }
        List<String> terms = new ArrayList<>();
        analyse(analyzer, text, (term, start, end) -> {
            terms.add(term);
            return true;
        });
        outer:
        for (int i = 0; i + phrase.size() <= terms.size(); i++) {
            for (int j = 0; j < phrase.size(); j++) {
                if (!terms.get(i + j).equals(phrase.get(j))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Where the terms occur in {@code text}, in order; overlapping matches (CJK bigrams) merge into one
     * span.
     */
    public static List<Span> spans(Analyzer analyzer, String text, Set<String> terms) {
        List<Span> spans = new ArrayList<>();
        if (terms.isEmpty()) {
            return spans;
        }
        analyse(analyzer, text, (term, start, end) -> {
            if (terms.contains(term)) {
                Span last = spans.isEmpty() ? null : spans.getLast();
                if (last != null && start <= last.end()) {
                    spans.set(spans.size() - 1, new Span(last.start(), Math.max(last.end(), end)));
                } else {
                    spans.add(new Span(start, end));
                }
            }
            return true;
        });
        return spans;
    }

    private interface TermVisitor {
        /** Returns false to stop. */
        boolean visit(String term, int start, int end);
    }

    private static void analyse(Analyzer analyzer, String text, TermVisitor visitor) {
        try (TokenStream tokens = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                if (!visitor.visit(term.toString(), offset.startOffset(), offset.endOffset())) {
                    break;
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot fail", e);
        }
    }
}
