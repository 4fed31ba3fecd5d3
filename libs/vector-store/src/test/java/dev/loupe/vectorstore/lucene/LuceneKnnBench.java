package dev.loupe.vectorstore.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.testkit.BenchReport;
import dev.loupe.testkit.EmbeddingLikeVectors;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.IndexSettings;
import dev.loupe.vectorstore.IndexType;
import dev.loupe.vectorstore.Metric;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchHit;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.bench.KnnMeasurement;
import dev.loupe.vectorstore.bench.TopK;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.VectorScorer;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lucene HNSW at photo-library scale: {@value #DEFAULT_SIZE} embedding-like 512-d vectors
 * ({@link EmbeddingLikeVectors}), recall@10 against an exact scan of the same index's raw vectors,
 * single-thread QPS of both, p50/p99, for each build setting and each efSearch (the k-NN candidate
 * count). Ingests through {@link LuceneCollection#upsert} (the store's per-collection engine; {@code
 * LuceneVectorStore} adds a read lock and a map lookup) in batches of {@value #BATCH}, then force-merges
 * to one segment. Each index is built once into {@code target/bench-index/} keyed by its parameters and
 * reused by later runs ({@code loupe.bench.index.dir} to put them elsewhere); delete one to rebuild.
 *
 * <p>Run: {@code ./loupe bench -pl libs/vector-store -Dtest=LuceneKnnBench}; properties: {@code
 * loupe.bench.n} (vectors), {@code loupe.bench.queries}, {@code loupe.bench.lucene.builds} (e.g. {@code
 * 16:100:f32,16:100:int7} for M:efConstruction:vectors), {@code loupe.bench.lucene.ef} (e.g. {@code
 * 10,40,160}).
 */
@Tag("bench")
class LuceneKnnBench {

    private static final int DEFAULT_SIZE = 1_000_000;
    private static final int DIMENSIONS = 512; // CLIP ViT-B/32
    private static final int K = 10;
    private static final long SEED = 42;
    private static final int BATCH = 10_000; // records per upsert, each committed
    private static final int EXACT_WARM_UP = 10; // queries: JIT and page cache before timing
    private static final int PASSES = 3; // timed passes per setting; the fastest is reported (shared machine)

    private final int size = Integer.getInteger("loupe.bench.n", DEFAULT_SIZE);
    private final int queryCount = Integer.getInteger("loupe.bench.queries", 300);
    private final List<Build> builds = Build.parse(System.getProperty("loupe.bench.lucene.builds", "16:100:f32"));
    private final int[] efs = Arrays.stream(System.getProperty("loupe.bench.lucene.ef", "10,20,40,80,160,320")
                    .split(","))
            .mapToInt(s -> Integer.parseInt(s.trim()))
            .toArray();

    /** HNSW build settings: M, efConstruction, and whether the graph works on 7-bit copies. */
    private record Build(int m, int efConstruction, boolean quantised) {

        static List<Build> parse(String text) {
            return Arrays.stream(text.split(","))
                    .map(s -> s.trim().split(":"))
                    .map(p -> new Build(Integer.parseInt(p[0]), Integer.parseInt(p[1]), p[2].equals("int7")))
                    .toList();
        }

        CollectionSpec spec(int efSearch) {
            return new CollectionSpec(
                    "bench",
                    DIMENSIONS,
                    Metric.COSINE,
                    new IndexSettings(IndexType.HNSW, m, efConstruction, efSearch, 1, 1, quantised));
        }

        @Override
        public String toString() {
            return "M=" + m + " efConstruction=" + efConstruction + (quantised ? " int7" : " float32");
        }
    }

    @Test
    void hnsw_recall_and_speed_against_an_exact_scan() throws Exception {
        BenchReport report = new BenchReport("lucene-knn");
        EmbeddingLikeVectors data = new EmbeddingLikeVectors(SEED, DIMENSIONS);
        List<float[]> queries =
                IntStream.range(0, queryCount).mapToObj(data::query).toList();
        report.line(data.describe(size, queryCount, K));
        KnnMeasurement.Result exact = null;
        double bestRecall = 0;
        for (Build build : builds) {
            Path index = ensureBuilt(build, data, report);
            if (exact == null) {
                exact = exactScan(index, queries);
                report.line(String.format(
                        "exact scan (one thread, Lucene's VectorScorer over every raw vector in the index):"
                                + " QPS %.2f  p50 %.1f ms  p99 %.1f ms (CPU-time QPS %.2f)",
                        exact.qps(), exact.p50Millis(), exact.p99Millis(), exact.cpuQps()));
            }
            for (int ef : efs) {
                try (LuceneCollection collection = new LuceneCollection(build.spec(ef), index)) {
                    KnnMeasurement.Search search = q -> collection.search(SearchQuery.of(q, K)).stream()
                            .map(SearchHit::record)
                            .map(PhotoRecord::id)
                            .toList();
                    KnnMeasurement.run(queries, null, K, search); // warm-up: JIT, page cache
                    KnnMeasurement.Result r = KnnMeasurement.fastest(PASSES, queries, exact.answers(), K, search);
                    report.line(String.format(
                            "HNSW %s efSearch=%d: %s  = %.0fx the exact scan (CPU-time QPS %.0f = %.0fx)",
                            build, ef, r.summary(K), r.qps() / exact.qps(), r.cpuQps(), r.cpuQps() / exact.cpuQps()));
                    bestRecall = Math.max(bestRecall, r.recall());
                }
            }
        }
        assertThat(bestRecall).as("best recall@10 over the settings tried").isGreaterThan(0.5);
    }

    private Path ensureBuilt(Build build, EmbeddingLikeVectors data, BenchReport report) throws IOException {
        String key = String.format(
                "lucene-n%d-d%d-seed%d-m%d-efc%d-%s",
                size, DIMENSIONS, SEED, build.m(), build.efConstruction(), build.quantised() ? "int7" : "f32");
        Path index = Path.of(System.getProperty("loupe.bench.index.dir", "target/bench-index"), key)
                .toAbsolutePath();
        Path marker = index.resolveSibling(key + ".built");
        if (Files.exists(marker)) {
            report.line("HNSW " + build + ": reusing " + index.getFileName() + ", built earlier: "
                    + Files.readString(marker).strip());
            return index;
        }
        LuceneCollections.deleteRecursively(index);
        Files.createDirectories(index);
        long t0 = System.nanoTime();
        float[][] vectors =
                IntStream.range(0, size).parallel().mapToObj(data::vector).toArray(float[][]::new);
        double generateSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        double ingestSeconds;
        try (LuceneCollection collection = new LuceneCollection(build.spec(100), index)) {
            for (int from = 0; from < size; from += BATCH) {
                List<PhotoRecord> batch = new ArrayList<>(BATCH);
                for (int i = from; i < Math.min(size, from + BATCH); i++) {
                    batch.add(PhotoRecord.of("v" + i, vectors[i]));
                }
                collection.upsert(batch);
            }
            ingestSeconds = (System.nanoTime() - t1) / 1e9;
            long t2 = System.nanoTime();
            collection.forceMerge();
            double mergeSeconds = (System.nanoTime() - t2) / 1e9;
            String summary = String.format(
                    "ingest %.0f s (%.0f vectors/s; %d upserts of %d, one commit each), force-merge to one segment"
                            + " %.0f s, build total %.0f s (+ %.0f s generating vectors, not counted); index %.2f GiB",
                    ingestSeconds,
                    size / ingestSeconds,
                    (size + BATCH - 1) / BATCH,
                    BATCH,
                    mergeSeconds,
                    ingestSeconds + mergeSeconds,
                    generateSeconds,
                    directoryBytes(index) / (double) (1L << 30));
            Files.writeString(marker, summary + "\n");
            report.line("HNSW " + build + ": built " + index.getFileName() + ": " + summary);
        }
        return index;
    }

    /** The exact top k per query, by a single-threaded scan of every raw vector in the index. */
    private static KnnMeasurement.Result exactScan(Path index, List<float[]> queries) throws Exception {
        try (Directory directory = FSDirectory.open(index);
                DirectoryReader reader = DirectoryReader.open(directory)) {
            StoredFields stored = reader.storedFields();
            KnnMeasurement.Search scan = query -> {
                TopK top = new TopK(K);
                for (LeafReaderContext leaf : reader.leaves()) {
                    // the scorer Lucene's own exact search uses: SIMD over the memory-mapped vectors
                    VectorScorer scorer = leaf.reader()
                            .getFloatVectorValues(RecordDocuments.VECTOR)
                            .scorer(query);
                    DocIdSetIterator docs = scorer.iterator();
                    for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                        top.offer(scorer.score(), leaf.docBase + doc);
                    }
                }
                List<String> ids = new ArrayList<>(K);
                for (int doc : top.ordsBestFirst()) {
                    ids.add(RecordDocuments.toRecord(stored.document(doc), false)
                            .id());
                }
                return ids;
            };
            KnnMeasurement.run(queries.subList(0, Math.min(EXACT_WARM_UP, queries.size())), null, K, scan);
            return KnnMeasurement.run(queries, null, K, scan);
        }
    }

    private static long directoryBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }
}
