package dev.loupe.quality.texts;

import dev.loupe.encoders.EmbeddingModel;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.IndexSettings;
import dev.loupe.vectorstore.lucene.LuceneTextStore;
import dev.loupe.vectorstore.texts.TextCollectionSpec;
import dev.loupe.vectorstore.texts.TextEntry;
import dev.loupe.vectorstore.texts.TextSearch;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Indexes a corpus with one text model into a Lucene text store (the standalone service's own) and
 * scores every method on every task: for paraphrases recall@1 and recall@10 (a query counts when one
 * of its answers is within the first k hits) and MRR@10; for fragments hit@1.
 */
final class TextQualityEvaluation {

    static final int K = 10;

    /** One task's scores for one method. */
    record Scores(double recallAt1, double recallAt10, double mrr) {}

    /** A corpus's results for one model. */
    record Result(Corpus corpus, String model, Map<String, Map<Method, Scores>> byTask, double indexSeconds) {}

    private TextQualityEvaluation() {}

    static Result evaluate(EmbeddingModel model, Corpus corpus, List<Method> methods, int batch, PrintStream err) {
        Path dir;
        try {
            dir = Files.createTempDirectory("loupe-text-quality");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
        try (LuceneTextStore store = new LuceneTextStore(dir)) {
            String id = model.info().id();
            TextCollectionSpec spec = new TextCollectionSpec(
                    "quality", model.info().dimensions(), id, corpus.analysis(), IndexSettings.DEFAULT);
            store.createCollection(spec);
            long started = System.nanoTime();
            for (int from = 0; from < corpus.documents().size(); from += batch) {
                List<Corpus.Document> part = corpus.documents()
                        .subList(from, Math.min(corpus.documents().size(), from + batch));
                float[][] vectors = model.embedTexts(
                        part.stream().map(Corpus.Document::text).toList());
                List<TextEntry> entries = new ArrayList<>(part.size());
                for (int i = 0; i < part.size(); i++) {
                    entries.add(new TextEntry(
                            part.get(i).id(), vectors[i], part.get(i).text(), null, null, Map.of(), null));
                }
                store.upsert(spec.name(), entries);
            }
            double indexSeconds = (System.nanoTime() - started) / 1e9;
            err.printf(
                    "text-quality: %s: %d documents of %s indexed in %.1f s%n",
                    id, corpus.documents().size(), corpus.name(), indexSeconds);
            if (store.count(spec.name(), Filter.all()) != corpus.documents().size()) {
                throw new IllegalStateException("the store holds another number of documents than were indexed");
            }
            TextSearch search = new TextSearch(store, methods.getFirst().settings());
            Map<String, Map<Method, Scores>> byTask = new java.util.LinkedHashMap<>();
            for (RetrievalTask task : corpus.tasks()) {
                List<float[]> queryVectors = new ArrayList<>();
                for (int from = 0; from < task.queries().size(); from += batch) {
                    List<String> texts =
                            task.queries().subList(from, Math.min(task.queries().size(), from + batch)).stream()
                                    .map(RetrievalTask.Query::text)
                                    .toList();
                    queryVectors.addAll(List.of(model.embedQueries(texts)));
                }
                Map<Method, Scores> scores = new java.util.LinkedHashMap<>();
                for (Method method : methods) {
                    scores.put(method, score(search, spec, task, queryVectors, method));
                }
                byTask.put(task.name(), scores);
            }
            return new Result(corpus, id, byTask, indexSeconds);
        } finally {
            delete(dir);
        }
    }

    private static Scores score(
            TextSearch search, TextCollectionSpec spec, RetrievalTask task, List<float[]> vectors, Method method) {
        int atOne = 0;
        int atTen = 0;
        double reciprocal = 0;
        for (int q = 0; q < task.queries().size(); q++) {
            RetrievalTask.Query query = task.queries().get(q);
            List<TextSearch.Hit> hits = search.search(
                    new TextSearch.Request(
                            spec.name(),
                            query.text(),
                            vectors.get(q),
                            method.mode(),
                            Filter.all(),
                            K,
                            0,
                            null,
                            query.exclude()),
                    spec.analysis(),
                    method.settings());
            for (int rank = 0; rank < hits.size(); rank++) {
                if (query.relevant().contains(hits.get(rank).entry().id())) {
                    atOne += rank == 0 ? 1 : 0;
                    atTen++;
                    reciprocal += 1.0 / (rank + 1);
                    break;
                }
            }
        }
        double n = task.queries().size();
        return new Scores(atOne / n, atTen / n, reciprocal / n);
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the report for
        }
    }
}
