package dev.loupe.classifier.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loupe.classifier.CollectionScorer;
import dev.loupe.classifier.HardExamples;
import dev.loupe.classifier.LabelledVector;
import dev.loupe.classifier.LinearClassifier;
import dev.loupe.classifier.LogisticTrainer;
import dev.loupe.testkit.BenchReport;
import dev.loupe.testkit.EmbeddingLikeVectors;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.IndexSettings;
import dev.loupe.vectorstore.IndexType;
import dev.loupe.vectorstore.Metric;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.lucene.LuceneVectorStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One classifier-session round at photo-library scale: {@value #DEFAULT_SIZE} embedding-like 512-d vectors
 * ({@link EmbeddingLikeVectors}, seed 42) in a {@link LuceneVectorStore} collection, one segment, HNSW M = 16,
 * efConstruction = 100, efSearch 100 (the store's default). A round is what the search service does between
 * the user's labels and the next proposals (its ClassifierService's candidates and train): {@link
 * HardExamples#propose} (10 candidates, every labelled id excluded, none from the boundary as the endpoint's
 * default; {@code loupe.bench.boundary} to ask for a share), {@link LuceneVectorStore#get} of every labelled
 * photo (the vectors the trainer needs), the classifier's top {@value #TOP_K} before and after training (the
 * service reports how they changed), and {@link LogisticTrainer#train} from the last round's classifier
 * with the service's defaults. The service's PostgreSQL reads and writes are not included. Each
 * session starts from a query vector of the same distribution (the prompt); an oracle calls the half of
 * each round's candidates nearest a hidden target direction positive, so every round trains on both
 * classes. Reported: p50 / p99 per round number over the sessions and over every round, wall time and the
 * round thread's CPU time (everything runs on that thread: what a round costs, less what other processes on
 * a shared machine took from it), and separately {@link CollectionScorer#apply} over the whole collection.
 *
 * <p>The collection is the index {@code LuceneKnnBench} (libs/vector-store) builds and caches, linked into a
 * store root under {@code target/bench-store/} with the store's spec file (hard links: no copy, the original
 * stays untouched; a copy where links are impossible). Building one takes about 25 minutes on 2 cores, so
 * the benchmark is skipped, with the command that builds it, when it is absent. Properties: {@code
 * loupe.bench.index.dir} (LuceneKnnBench's cache, default {@code ../vector-store/target/bench-index}),
 * {@code loupe.bench.n}, {@code loupe.bench.sessions}, {@code loupe.bench.rounds}, {@code
 * loupe.bench.apply.runs}.
 */
@Tag("bench")
class ClassifierRoundBench {

    private static final int DEFAULT_SIZE = 1_000_000;
    private static final int DIMENSIONS = 512; // CLIP ViT-B/32
    private static final long SEED = 42; // LuceneKnnBench's
    private static final String COLLECTION = "bench"; // the collection name LuceneKnnBench builds under
    private static final IndexSettings INDEX = new IndexSettings(IndexType.HNSW, 16, 100, 100, 1, 1, false);
    private static final int LABELS_PER_ROUND = 10;
    private static final int TOP_K = 50; // loupe.classifiers.top-k: the top photos a training round compares
    private static final int WARM_UP_SESSIONS = 3; // JIT and page cache, not timed
    private static final double TARGET_MILLIS = 50; // issue 5: one round at 1M vectors on 2 cores

    private final int size = Integer.getInteger("loupe.bench.n", DEFAULT_SIZE);
    private final int sessions = Integer.getInteger("loupe.bench.sessions", 30);
    private final int rounds = Integer.getInteger("loupe.bench.rounds", 10);
    private final int applyRuns = Integer.getInteger("loupe.bench.apply.runs", 2);
    // the candidates endpoint's default is 0; the explorer may ask for a share
    private final double boundaryShare = Double.parseDouble(System.getProperty("loupe.bench.boundary", "0"));
    private final LogisticTrainer trainer = new LogisticTrainer();

    /** Nanoseconds of each part of one round. */
    private record RoundTiming(long candidates, long fetch, long train, long topChanged, long cpu, int steps) {
        long total() {
            return candidates + fetch + train + topChanged;
        }
    }

    @Test
    void one_round_of_candidates_and_training_at_a_million_vectors() throws IOException {
        BenchReport report = new BenchReport("classifier-round");
        EmbeddingLikeVectors data = new EmbeddingLikeVectors(SEED, DIMENSIONS);
        Path root = storeRoot(report);
        report.line(String.format(
                "collection: %,d x %d embedding-like vectors (seed %d), HNSW M=%d efConstruction=%d efSearch=%d, one"
                        + " segment; %d sessions x %d rounds of %d labels (boundary share %.1f), after %d warm-up"
                        + " sessions; machine load before: %s",
                size,
                DIMENSIONS,
                SEED,
                INDEX.m(),
                INDEX.efConstruction(),
                INDEX.efSearch(),
                sessions,
                rounds,
                LABELS_PER_ROUND,
                boundaryShare,
                WARM_UP_SESSIONS,
                loadAverage()));
        try (LuceneVectorStore store = new LuceneVectorStore(root)) {
            assertThat(store.count(COLLECTION, Filter.all())).isEqualTo(size);
            for (int s = 0; s < WARM_UP_SESSIONS; s++) {
                session(store, data, 1000 + s);
            }
            List<List<RoundTiming>> bySession = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                bySession.add(session(store, data, s));
            }
            List<RoundTiming> all = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                List<RoundTiming> round = new ArrayList<>();
                for (List<RoundTiming> session : bySession) {
                    round.add(session.get(r));
                }
                all.addAll(round);
                report.line(summary("round " + (r + 1) + " (" + (r + 1) * LABELS_PER_ROUND + " labels)", round));
            }
            report.line(summary("every round", all));
            report.line("machine load after the rounds: " + loadAverage());

            LinearClassifier classifier = LinearClassifier.toward(data.query(0)).withThreshold(0.5);
            for (int run = 0; run < applyRuns; run++) {
                long t0 = System.nanoTime();
                CollectionScorer.Result result =
                        CollectionScorer.apply(store, COLLECTION, Filter.all(), classifier, 0.5, 100, page -> {});
                report.line(String.format(
                        "apply (CollectionScorer over the whole collection, limit 100): %.0f ms; %,d scanned, %,d"
                                + " positives",
                        (System.nanoTime() - t0) / 1e6, result.scanned(), result.positives()));
            }
            double p50 = BenchReport.percentileMillis(totals(all), 0.5);
            assertThat(p50).as("p50 of a round, ms").isLessThan(10 * TARGET_MILLIS); // a sanity bound, not the target
        }
    }

    /** One session of {@link #rounds} rounds from the prompt {@code data.query(number)}. */
    private List<RoundTiming> session(LuceneVectorStore store, EmbeddingLikeVectors data, int number) {
        float[] hidden = data.query(1_000_000 + number); // what the simulated user really wants
        LinearClassifier classifier = LinearClassifier.toward(data.query(number));
        Set<String> labelled = new LinkedHashSet<>();
        Map<String, Boolean> labels = new HashMap<>();
        List<RoundTiming> timings = new ArrayList<>(rounds);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            List<HardExamples.Candidate> candidates = HardExamples.propose(
                    store, COLLECTION, Filter.all(), classifier, labelled, LABELS_PER_ROUND, boundaryShare);
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            // the user's labels (not timed: a person takes seconds here)
            List<PhotoRecord> proposed = store.get(
                    COLLECTION,
                    candidates.stream().map(HardExamples.Candidate::id).toList());
            proposed.sort(Comparator.comparingDouble(p -> -VectorUtil.dotProduct(hidden, p.vector())));
            for (int i = 0; i < proposed.size(); i++) {
                labels.put(proposed.get(i).id(), i < proposed.size() / 2);
                labelled.add(proposed.get(i).id());
            }
            long c2 = threads.getCurrentThreadCpuTime();
            long t2 = System.nanoTime();
            List<PhotoRecord> records = store.get(COLLECTION, labelled);
            List<LabelledVector> vectors = new ArrayList<>(records.size());
            for (PhotoRecord record : records) {
                vectors.add(new LabelledVector(record.id(), record.vector(), labels.get(record.id())));
            }
            long t3 = System.nanoTime();
            Set<String> before = top(store, classifier);
            long t4 = System.nanoTime();
            LogisticTrainer.Result result = trainer.train(classifier, vectors);
            long t5 = System.nanoTime();
            Set<String> after = top(store, result.classifier());
            long t6 = System.nanoTime();
            long c6 = threads.getCurrentThreadCpuTime();
            classifier = result.classifier();
            assertThat(vectors).hasSize(labelled.size());
            assertThat(before).hasSize(TOP_K);
            assertThat(after).hasSize(TOP_K);
            timings.add(new RoundTiming(
                    t1 - t0, t3 - t2, t5 - t4, (t4 - t3) + (t6 - t5), (c1 - c0) + (c6 - c2), result.steps()));
        }
        return timings;
    }

    /** The ids of the classifier's top {@value #TOP_K}: the search service compares them before and after training. */
    private static Set<String> top(LuceneVectorStore store, LinearClassifier classifier) {
        Set<String> ids = new HashSet<>();
        store.search(COLLECTION, SearchQuery.of(classifier.weight(), TOP_K))
                .forEach(hit -> ids.add(hit.record().id()));
        return ids;
    }

    private static String summary(String what, List<RoundTiming> timings) {
        long[] candidates = timings.stream().mapToLong(RoundTiming::candidates).toArray();
        long[] fetch = timings.stream().mapToLong(RoundTiming::fetch).toArray();
        long[] train = timings.stream().mapToLong(RoundTiming::train).toArray();
        long[] topChanged = timings.stream().mapToLong(RoundTiming::topChanged).toArray();
        long[] cpu = timings.stream().mapToLong(RoundTiming::cpu).toArray();
        double steps = timings.stream().mapToInt(RoundTiming::steps).average().orElse(0);
        return String.format(
                "%s: round p50 %.2f ms p99 %.2f ms (its thread's CPU time p50 %.2f ms p99 %.2f ms) | candidates p50 %.2f p99 %.2f | get labelled p50 %.2f p99 %.2f"
                        + " | train p50 %.2f p99 %.2f (%.0f steps on average) | top-%d before + after p50 %.2f"
                        + " p99 %.2f | %d rounds",
                what,
                BenchReport.percentileMillis(totals(timings), 0.5),
                BenchReport.percentileMillis(totals(timings), 0.99),
                BenchReport.percentileMillis(cpu, 0.5),
                BenchReport.percentileMillis(cpu, 0.99),
                BenchReport.percentileMillis(candidates, 0.5),
                BenchReport.percentileMillis(candidates, 0.99),
                BenchReport.percentileMillis(fetch, 0.5),
                BenchReport.percentileMillis(fetch, 0.99),
                BenchReport.percentileMillis(train, 0.5),
                BenchReport.percentileMillis(train, 0.99),
                steps,
                TOP_K,
                BenchReport.percentileMillis(topChanged, 0.5),
                BenchReport.percentileMillis(topChanged, 0.99),
                timings.size());
    }

    private static long[] totals(List<RoundTiming> timings) {
        return timings.stream().mapToLong(RoundTiming::total).toArray();
    }

    /**
     * A store root holding LuceneKnnBench's cached index as collection {@value #COLLECTION}, linked in once.
     */
    private Path storeRoot(BenchReport report) throws IOException {
        String key = String.format(
                "lucene-n%d-d%d-seed%d-m%d-efc%d-f32", size, DIMENSIONS, SEED, INDEX.m(), INDEX.efConstruction());
        Path root = Path.of("target/bench-store", key).toAbsolutePath();
        Path ready = root.resolveSibling(key + ".linked");
        if (Files.exists(ready)) {
            report.line("reusing the store " + root);
            return root;
        }
        Path built = Path.of(System.getProperty("loupe.bench.index.dir", "../vector-store/target/bench-index"), key)
                .toAbsolutePath()
                .normalize();
        assumeTrue(
                Files.exists(built.resolveSibling(key + ".built")),
                "needs the one-segment index LuceneKnnBench builds (about 25 minutes): run ./loupe bench -pl"
                        + " libs/testkit,libs/vector-store -DskipITs -Dtest=LuceneKnnBench -Dloupe.bench.n=" + size
                        + " first, or point -Dloupe.bench.index.dir at a target/bench-index holding " + key);
        Path index = root.resolve(COLLECTION);
        try (LuceneVectorStore store = new LuceneVectorStore(root)) {
            store.dropCollection(COLLECTION); // what an interrupted earlier attempt left
            store.createCollection(new CollectionSpec(COLLECTION, DIMENSIONS, Metric.COSINE, INDEX));
        }
        try (Stream<Path> empty = Files.list(index)) {
            for (Path file : empty.toList()) {
                Files.delete(file); // the empty index the store created; the built one replaces it
            }
        }
        boolean linked = true;
        try (Stream<Path> files = Files.list(built)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("write.lock"))
                    .toList()) {
                Path target = index.resolve(file.getFileName().toString());
                try {
                    Files.createLink(target, file);
                } catch (IOException | UnsupportedOperationException e) {
                    linked = false;
                    Files.copy(file, target);
                }
            }
        }
        Files.writeString(ready, built + "\n");
        report.line((linked ? "linked " : "copied ") + built + " into the store " + root);
        return root;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
