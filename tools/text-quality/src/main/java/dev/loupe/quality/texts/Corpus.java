package dev.loupe.quality.texts;

import dev.loupe.vectorstore.lexical.TextAnalysis;
import java.util.List;

/**
 * Documents to index and the tasks asked of them.
 *
 * @param name as the report names it, with where it comes from
 * @param analysis how its texts become terms (its language)
 * @param documents id and text, in a fixed order
 */
record Corpus(String name, TextAnalysis analysis, List<Document> documents, List<RetrievalTask> tasks) {

    record Document(String id, String text) {}

    /** The same documents and tasks, analysed otherwise (to compare Chinese analyses). */
    Corpus withAnalysis(TextAnalysis other) {
        return new Corpus(name + ", " + other.wireName() + " analysis", other, documents, tasks);
    }
}
