package dev.loupe.search.texts;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.loupe.vectorstore.lexical.QueryTerms;
import dev.loupe.vectorstore.texts.TextEntry;
import dev.loupe.vectorstore.texts.TextSearch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One hit of a text search. */
@Schema(name = "TextHit", description = "A text record that matches, with where the query's words occur in it")
@JsonPropertyOrder({"id", "score", "text", "answer", "title", "metadata", "highlights", "dense", "lexical"})
public record TextHitView(
        @Schema(description = "Record id") String id,

        @Schema(description = "What the hit was ranked by: cosine (dense), BM25 (lexical) or the fused score (hybrid)")
        float score,

        @Schema(description = "The record's text") String text,

        @Schema(description = "Its answer; absent when it has none")
        String answer,

        @Schema(description = "Its title; absent when it has none")
        String title,

        @Schema(
                type = SchemaType.OBJECT,
                implementation = Map.class,
                description = "Its metadata: strings, numbers, lists of tags",
                examples = "{\"subject\": \"math\", \"grade\": 7, \"tags\": [\"algebra\"]}")
        Map<String, Object> metadata,

        @Schema(description = "Where the query's terms occur in the text: [start, end) offsets in UTF-16 code units")
        List<Highlight> highlights,

        @Schema(description = "Its cosine similarity when the dense side found it")
        Float dense,

        @Schema(description = "Its BM25 score when the lexical side found it")
        Float lexical) {

    /** A matched stretch of the text. */
    @Schema(name = "TextHighlight", description = "A matched stretch: text.substring(start, end)")
    public record Highlight(int start, int end) {}

    static TextHitView of(TextSearch.Hit hit) {
        return new TextHitView(
                hit.entry().id(),
                hit.score(),
                hit.entry().text(),
                hit.entry().answer(),
                hit.entry().title(),
                metadata(hit.entry()),
                hit.highlights().stream()
                        .map(s -> new Highlight(s.start(), s.end()))
                        .toList(),
                hit.dense(),
                hit.lexical());
    }

    /** A hit of a dense search by a stored record (similar texts). */
    public static TextHitView similar(TextEntry entry, float score, List<QueryTerms.Span> highlights) {
        return new TextHitView(
                entry.id(),
                score,
                entry.text(),
                entry.answer(),
                entry.title(),
                metadata(entry),
                highlights.stream().map(s -> new Highlight(s.start(), s.end())).toList(),
                score,
                null);
    }

    static Map<String, Object> metadata(TextEntry entry) {
        Map<String, Object> out = new LinkedHashMap<>();
        entry.metadata().forEach((name, value) -> out.put(name, value.plain()));
        return out;
    }
}
