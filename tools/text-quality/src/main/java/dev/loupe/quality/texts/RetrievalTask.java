package dev.loupe.quality.texts;

import java.util.List;
import java.util.Set;

/**
 * Queries over one corpus, each with the documents that answer it.
 *
 * @param name as the report names it
 * @param queries in a fixed order
 */
record RetrievalTask(String name, List<Query> queries) {

    /**
     * @param text the query as a user would type it
     * @param relevant the ids of the documents that answer it
     * @param exclude ids never counted (the query's own document, for paraphrase queries)
     */
    record Query(String text, Set<String> relevant, Set<String> exclude) {}
}
