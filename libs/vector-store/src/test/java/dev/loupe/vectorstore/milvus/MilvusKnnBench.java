package dev.loupe.vectorstore.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.loupe.testkit.BenchReport;
import dev.loupe.testkit.EmbeddingLikeVectors;
import dev.loupe.testkit.LocalMilvusServer;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.IndexSettings;
import dev.loupe.vectorstore.IndexType;
import dev.loupe.vectorstore.Metric;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchHit;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.bench.KnnMeasurement;
import dev.loupe.vectorstore.bench.TopK;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexBuildState;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.AlterCollectionPropertiesReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.collection.request.ReleaseCollectionReq;
import io.milvus.v2.service.index.request.DescribeIndexReq;
import io.milvus.v2.service.index.response.DescribeIndexResp;
import io.milvus.v2.service.utility.request.FlushReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.data.BaseVector;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.SearchResp;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Milvus adapter against a local Milvus-API server (milvus-lite: a Python gRPC server over faiss):
 * {@value #DEFAULT_SIZE} embedding-like 512-d vectors ({@link EmbeddingLikeVectors}), HNSW recall@10
 * and single-client QPS for each efSearch, against the exact answers of a Java brute-force scan and
 * against the same server scanning every vector (a FLAT index: an exact scan behind the same RPC path).
 * Ingest and search go through {@link MilvusVectorStore}; the raw client creates the FLAT collection
 * (the port has no FLAT type), flushes, rewrites the efSearch property between sweeps, and times the
 * bare search RPC to show what the store adds.
 *
 * <p>milvus-lite 3.2 reads index build parameters only from a JSON {@code params} entry, while the Java
 * SDK sends them as separate keys, so it builds HNSW with its defaults (M = 16, efConstruction = 200)
 * whatever the spec says; the defaults here are those values, so the numbers mean what they say.
 *
 * <p>Run: {@code ./loupe bench -pl libs/vector-store -Dtest=MilvusKnnBench}; properties: {@code
 * loupe.bench.milvus.n}, {@code loupe.bench.queries}, {@code loupe.bench.milvus.ef} (e.g. {@code
 * 10,40,160}), {@code loupe.bench.milvus.uri} to measure a Milvus server already running there instead
 * of milvus-lite (BENCHMARKS.md runs the Milvus 2.3 standalone server of PyPI's {@code milvus} package
 * that way, in a network namespace of its own since it listens on every interface).
 */
@Tag("bench")
class MilvusKnnBench {

    private static final int DEFAULT_SIZE = 100_000;
    private static final int DIMENSIONS = 512; // CLIP ViT-B/32
    private static final int K = 10;
    private static final long SEED = 42;
    private static final int BATCH = 10_000; // records per store upsert (the store sends 500 per RPC)
    private static final int PASSES = 3; // timed passes per setting; the fastest is reported (shared machine)
    private static final int FLAT_QUERIES = 100; // the server's exact scan is slow; its QPS needs no more
    private static final long RPC_DEADLINE_MS = 600_000; // a flush that builds indexes on 2 cores

    private static final String EXTERNAL_URI = "loupe.bench.milvus.uri";

    /**
     * {@code loupe.bench.milvus.keep=true} keeps the running server's collections after a run and reuses
     * them in the next (building the HNSW index takes minutes on two cores).
     */
    private static final boolean KEEP = Boolean.getBoolean("loupe.bench.milvus.keep");

    /**
     * The bare client's read consistency ({@code loupe.bench.milvus.consistency}): Bounded by default,
     * since the data is flushed and loaded before any search; STRONG shows the time-tick wait it adds.
     */
    private static final ConsistencyLevel BARE_READS =
            ConsistencyLevel.valueOf(System.getProperty("loupe.bench.milvus.consistency", "BOUNDED"));

    private final int size = Integer.getInteger("loupe.bench.milvus.n", DEFAULT_SIZE);
    private final int queryCount = Integer.getInteger("loupe.bench.queries", 300);
    private static final int M = 16; // milvus-lite's default, which it uses whatever is asked
    private static final int EF_CONSTRUCTION = 200; // likewise
    private static final double TARGET_RECALL = 0.95;
    /** Client threads for the throughput runs ({@code loupe.bench.milvus.clients}, e.g. {@code 4,16}). */
    private final int[] clients = Arrays.stream(
                    System.getProperty("loupe.bench.milvus.clients", "8").split(","))
            .mapToInt(s -> Integer.parseInt(s.trim()))
            .toArray();

    /** Query vectors per request for the batched runs ({@code loupe.bench.milvus.nq}, e.g. {@code 10,100}). */
    private final int[] batchSizes = Arrays.stream(
                    System.getProperty("loupe.bench.milvus.nq", "10,100").split(","))
            .mapToInt(s -> Integer.parseInt(s.trim()))
            .toArray();

    /** IVF_FLAT's list count ({@code loupe.bench.milvus.ivf.nlist}); 0 (the default) measures no IVF index. */
    private final int ivfLists = Integer.getInteger("loupe.bench.milvus.ivf.nlist", 0);

    /** IVF_FLAT's nprobe values to sweep ({@code loupe.bench.milvus.ivf.nprobe}). */
    private final int[] nprobes = Arrays.stream(System.getProperty("loupe.bench.milvus.ivf.nprobe", "4,8,16,32")
                    .split(","))
            .mapToInt(s -> Integer.parseInt(s.trim()))
            .toArray();

    private final int[] efs = Arrays.stream(System.getProperty("loupe.bench.milvus.ef", "10,20,40,80,160")
                    .split(","))
            .mapToInt(s -> Integer.parseInt(s.trim()))
            .toArray();

    @Test
    void hnsw_recall_and_speed_against_an_exact_scan() throws Exception {
        String external = System.getProperty(EXTERNAL_URI);
        Assumptions.assumeTrue(external == null, "an external server is measured by the bare-client test");
        Assumptions.assumeTrue(
                Files.isExecutable(LocalMilvusServer.executable()),
                "skipped: milvus-lite is not installed at " + LocalMilvusServer.executable()
                        + "; run deploy/milvus/install-local-milvus.sh");
        BenchReport report = new BenchReport("milvus-knn");
        Dataset dataset = dataset(report);
        float[][] vectors = dataset.vectors();
        List<float[]> queries = dataset.queries();
        KnnMeasurement.Result exact = dataset.exact();

        LocalMilvusServer local = LocalMilvusServer.start();
        String uri = local.uri();
        try {
            MilvusClientV2 client = new MilvusClientV2(ConnectConfig.builder()
                    .uri(uri)
                    .rpcDeadlineMs(RPC_DEADLINE_MS)
                    .build());
            report.line("server: " + client.getServerVersion() + " at " + uri + ", one client thread");
            try (MilvusVectorStore store = new MilvusVectorStore(client, uri, false)) {
                // the store reads this spec from the collection's properties; the index itself is FLAT
                CollectionSpec flat = new CollectionSpec(
                        "bench_flat",
                        DIMENSIONS,
                        Metric.COSINE,
                        new IndexSettings(IndexType.IVF_FLAT, M, EF_CONSTRUCTION, K, 1, 1, false));
                store.dropCollection(flat.name());
                client.createCollection(CreateCollectionReq.builder()
                        .collectionName(flat.name())
                        .collectionSchema(MilvusSchema.schema(DIMENSIONS))
                        .indexParams(List.of(IndexParam.builder()
                                .fieldName(MilvusSchema.VECTOR)
                                .indexName(MilvusSchema.VECTOR)
                                .indexType(IndexParam.IndexType.FLAT)
                                .metricType(IndexParam.MetricType.COSINE)
                                .build()))
                        .properties(MilvusSchema.properties(flat))
                        .build());
                store.createCollection(flat); // finds it, checks it, loads it
                load(store, client, flat, vectors, report);
                KnnMeasurement.Search flatSearch = q -> ids(store.search(flat.name(), SearchQuery.of(q, K)));
                List<float[]> flatQueries = queries.subList(0, Math.min(FLAT_QUERIES, queryCount));
                KnnMeasurement.run(flatQueries.subList(0, Math.min(5, flatQueries.size())), null, K, flatSearch);
                KnnMeasurement.Result serverExact =
                        KnnMeasurement.run(flatQueries, exact.answers().subList(0, flatQueries.size()), K, flatSearch);
                report.line("exact scan on the server (FLAT index), through the store, first " + flatQueries.size()
                        + " queries, one pass: " + serverExact.summary(K));
                store.dropCollection(flat.name());

                CollectionSpec hnsw = hnsw(efs[0]);
                store.dropCollection(hnsw.name());
                store.createCollection(hnsw);
                load(store, client, hnsw, vectors, report);
                double bestRecall = 0;
                for (int ef : efs) {
                    // efSearch is kept in the collection's properties; the store re-reads them after forgetSpec
                    client.alterCollectionProperties(AlterCollectionPropertiesReq.builder()
                            .collectionName(hnsw.name())
                            .properties(MilvusSchema.properties(hnsw(ef)))
                            .build());
                    store.forgetSpec(hnsw.name());
                    KnnMeasurement.Search search = q -> ids(store.search(hnsw.name(), SearchQuery.of(q, K)));
                    KnnMeasurement.run(queries, null, K, search); // warm-up
                    KnnMeasurement.Result r = KnnMeasurement.fastest(PASSES, queries, exact.answers(), K, search);
                    report.line(String.format(
                            "HNSW M=%d efConstruction=%d efSearch=%d: %s  = %.1fx the server's exact scan, %.1fx the Java scan",
                            M, EF_CONSTRUCTION, ef, r.summary(K), r.qps() / serverExact.qps(), r.qps() / exact.qps()));
                    bestRecall = Math.max(bestRecall, r.recall());
                }
                // the bare search RPC at the last efSearch: what the store adds (filter translation, record
                // mapping; the spec comes from its cache)
                int lastEf = efs[efs.length - 1];
                KnnMeasurement.Search raw = q -> client
                        .search(SearchReq.builder()
                                .collectionName(hnsw.name())
                                .annsField(MilvusSchema.VECTOR)
                                .metricType(IndexParam.MetricType.COSINE)
                                .data(List.of(new FloatVec(q)))
                                .limit(K)
                                .searchParams(Map.of("ef", lastEf))
                                .outputFields(MilvusSchema.SCALAR_FIELDS)
                                .consistencyLevel(ConsistencyLevel.STRONG)
                                .build())
                        .getSearchResults()
                        .getFirst()
                        .stream()
                        .map(r -> (String) r.getId())
                        .toList();
                KnnMeasurement.run(queries, null, K, raw);
                KnnMeasurement.Result bare = KnnMeasurement.fastest(PASSES, queries, exact.answers(), K, raw);
                report.line(String.format("HNSW efSearch=%d, bare client.search RPC: %s", lastEf, bare.summary(K)));
                store.dropCollection(hnsw.name());
                assertThat(serverExact.recall()).as("the server's exact scan").isGreaterThan(0.99);
                assertThat(bestRecall).as("best HNSW recall@10").isGreaterThan(0.5);
            }
        } finally {
            local.close();
        }
    }

    /**
     * A Milvus server already running at {@code loupe.bench.milvus.uri}, through the bare client: a
     * two-field schema (id, vector), so it also runs on servers older than the store's schema needs
     * (nullable fields arrived in Milvus 2.5), FLAT for the server's exact scan, then HNSW with the
     * given M and efConstruction, which a real server honours.
     */
    @Test
    void hnsw_on_a_running_server_through_the_bare_client() throws Exception {
        String uri = System.getProperty(EXTERNAL_URI);
        Assumptions.assumeTrue(uri != null, "set -D" + EXTERNAL_URI + " to measure a running Milvus server");
        BenchReport report = new BenchReport("milvus-knn-server");
        Dataset dataset = dataset(report);
        float[][] vectors = dataset.vectors();
        List<float[]> queries = dataset.queries();
        KnnMeasurement.Result exact = dataset.exact();
        MilvusClientV2 client = new MilvusClientV2(
                ConnectConfig.builder().uri(uri).rpcDeadlineMs(RPC_DEADLINE_MS).build());
        try {
            report.line("server: " + client.getServerVersion() + " at " + uri + ", bare client, "
                    + Runtime.getRuntime().availableProcessors() + " cores shared by client and server");
            // both collections stay loaded, so the serial and the concurrent runs compare the same two scans
            if (!reusable(client, "bench_flat", vectors.length, report)) {
                createBare(client, "bench_flat", IndexParam.IndexType.FLAT, Map.of());
                loadBare(client, "bench_flat", vectors, report);
            }
            if (!reusable(client, "bench_hnsw", vectors.length, report)) {
                createBare(
                        client,
                        "bench_hnsw",
                        IndexParam.IndexType.HNSW,
                        Map.of("M", M, "efConstruction", EF_CONSTRUCTION));
                loadBare(client, "bench_hnsw", vectors, report);
            }

            List<float[]> flatQueries = queries.subList(0, Math.min(FLAT_QUERIES, queryCount));
            List<List<String>> flatTruth = exact.answers().subList(0, flatQueries.size());
            KnnMeasurement.Search flat = q -> bareSearch(client, "bench_flat", q, Map.of());
            KnnMeasurement.run(flatQueries.subList(0, Math.min(5, flatQueries.size())), null, K, flat);
            KnnMeasurement.Result serverExact = KnnMeasurement.fastest(PASSES, flatQueries, flatTruth, K, flat);
            report.line("one client thread: exact scan on the server (FLAT index), first " + flatQueries.size()
                    + " queries: " + serverExact.summary(K));
            double bestRecall = 0;
            int loadEf = -1; // the smallest efSearch reaching the target recall: the one measured under load
            for (int ef : efs) {
                KnnMeasurement.Search hnsw = hnswSearch(client, ef);
                KnnMeasurement.run(queries, null, K, hnsw); // warm-up
                KnnMeasurement.Result r = KnnMeasurement.fastest(PASSES, queries, exact.answers(), K, hnsw);
                report.line(String.format(
                        "one client thread: HNSW M=%d efConstruction=%d efSearch=%d: %s  = %.1fx the server's exact scan, %.1fx the Java scan",
                        M, EF_CONSTRUCTION, ef, r.summary(K), r.qps() / serverExact.qps(), r.qps() / exact.qps()));
                bestRecall = Math.max(bestRecall, r.recall());
                if (loadEf < 0 && r.recall() >= TARGET_RECALL) {
                    loadEf = ef;
                }
            }
            loadEf = loadEf < 0 ? efs[efs.length - 1] : loadEf;
            int loadNprobe = -1; // likewise for IVF_FLAT, when measured
            if (ivfLists > 0) {
                if (!reusable(client, "bench_ivf", vectors.length, report)) {
                    createBare(client, "bench_ivf", IndexParam.IndexType.IVF_FLAT, Map.of("nlist", ivfLists));
                    loadBare(client, "bench_ivf", vectors, report);
                }
                for (int nprobe : nprobes) {
                    KnnMeasurement.Search ivf = q -> bareSearch(client, "bench_ivf", q, Map.of("nprobe", nprobe));
                    KnnMeasurement.run(queries, null, K, ivf); // warm-up
                    KnnMeasurement.Result r = KnnMeasurement.fastest(PASSES, queries, exact.answers(), K, ivf);
                    report.line(String.format(
                            "one client thread: IVF_FLAT nlist=%d nprobe=%d: %s  = %.1fx the server's exact scan",
                            ivfLists, nprobe, r.summary(K), r.qps() / serverExact.qps()));
                    if (loadNprobe < 0 && r.recall() >= TARGET_RECALL) {
                        loadNprobe = nprobe;
                    }
                }
                loadNprobe = loadNprobe < 0 ? nprobes[nprobes.length - 1] : loadNprobe;
            }
            for (int clients : this.clients) {
                // the same load on both, passes interleaved, so the ratio comes from one stretch of machine time
                KnnMeasurement.Search hnsw = hnswSearch(client, loadEf);
                KnnMeasurement.Result flatUnderLoad = null;
                KnnMeasurement.Result hnswUnderLoad = null;
                for (int pass = 0; pass < PASSES; pass++) {
                    KnnMeasurement.Result f = KnnMeasurement.concurrent(clients, flatQueries, flatTruth, K, flat);
                    KnnMeasurement.Result h = KnnMeasurement.concurrent(clients, queries, exact.answers(), K, hnsw);
                    flatUnderLoad = flatUnderLoad == null || f.qps() > flatUnderLoad.qps() ? f : flatUnderLoad;
                    hnswUnderLoad = hnswUnderLoad == null || h.qps() > hnswUnderLoad.qps() ? h : hnswUnderLoad;
                }
                report.line(String.format(
                        "%d client threads: exact scan (FLAT): %s | HNSW efSearch=%d: %s  = %.1fx the server's exact scan",
                        clients,
                        flatUnderLoad.summary(K),
                        loadEf,
                        hnswUnderLoad.summary(K),
                        hnswUnderLoad.qps() / flatUnderLoad.qps()));
            }
            for (int nq : batchSizes) {
                // nq query vectors per search request, one client thread: the per-request cost is shared
                Batched flatBatched = null;
                Batched hnswBatched = null;
                for (int pass = 0; pass < PASSES; pass++) {
                    // the exact scan gets at least one full request of nq queries too
                    int flatCount = Math.min(queries.size(), Math.max(flatQueries.size(), nq));
                    Batched f = batched(
                            client,
                            "bench_flat",
                            Map.of(),
                            queries.subList(0, flatCount),
                            exact.answers().subList(0, flatCount),
                            nq);
                    Batched h = batched(
                            client, "bench_hnsw", Map.of("ef", Math.max(loadEf, K)), queries, exact.answers(), nq);
                    flatBatched = flatBatched == null || f.qps() > flatBatched.qps() ? f : flatBatched;
                    hnswBatched = hnswBatched == null || h.qps() > hnswBatched.qps() ? h : hnswBatched;
                }
                report.line(String.format(
                        "%d queries per request, one client thread: exact scan (FLAT): %s | HNSW efSearch=%d: %s  = %.1fx the server's exact scan",
                        nq, flatBatched, loadEf, hnswBatched, hnswBatched.qps() / flatBatched.qps()));
                if (ivfLists > 0) {
                    Batched ivfBatched = null;
                    for (int pass = 0; pass < PASSES; pass++) {
                        Batched v = batched(
                                client, "bench_ivf", Map.of("nprobe", loadNprobe), queries, exact.answers(), nq);
                        ivfBatched = ivfBatched == null || v.qps() > ivfBatched.qps() ? v : ivfBatched;
                    }
                    report.line(String.format(
                            "%d queries per request, one client thread: IVF_FLAT nlist=%d nprobe=%d: %s  = %.1fx the exact scan above",
                            nq, ivfLists, loadNprobe, ivfBatched, ivfBatched.qps() / flatBatched.qps()));
                }
            }
            for (String name : List.of("bench_flat", "bench_hnsw", "bench_ivf")) {
                if (!KEEP
                        && client.hasCollection(
                                HasCollectionReq.builder().collectionName(name).build())) {
                    client.dropCollection(
                            DropCollectionReq.builder().collectionName(name).build());
                }
            }
            assertThat(serverExact.recall()).as("the server's exact scan").isGreaterThan(0.99);
            assertThat(bestRecall).as("best HNSW recall@10").isGreaterThan(0.5);
        } finally {
            client.close();
        }
    }

    /** A batched run: recall over every query, queries per second, and per-request latency. */
    private record Batched(double recall, double qps, double requestP50Millis, double requestP99Millis) {
        @Override
        public String toString() {
            return String.format(
                    "recall@%d %.4f  QPS %.1f  per request p50 %.2f ms  p99 %.2f ms",
                    K, recall, qps, requestP50Millis, requestP99Millis);
        }
    }

    /** Every query once, {@code nq} per search request, one request at a time. */
    private static Batched batched(
            MilvusClientV2 client,
            String name,
            Map<String, Object> parameters,
            List<float[]> queries,
            List<List<String>> truth,
            int nq) {
        int requests = (queries.size() + nq - 1) / nq;
        long[] nanos = new long[requests];
        double found = 0;
        long start = System.nanoTime();
        for (int r = 0; r < requests; r++) {
            int from = r * nq;
            List<float[]> batch = queries.subList(from, Math.min(queries.size(), from + nq));
            long t0 = System.nanoTime();
            List<List<SearchResp.SearchResult>> results = client.search(SearchReq.builder()
                            .collectionName(name)
                            .annsField("vector")
                            .metricType(IndexParam.MetricType.COSINE)
                            .data(batch.stream().<BaseVector>map(FloatVec::new).toList())
                            .limit(K)
                            .searchParams(parameters)
                            .consistencyLevel(BARE_READS)
                            .build())
                    .getSearchResults();
            nanos[r] = System.nanoTime() - t0;
            for (int i = 0; i < batch.size(); i++) {
                Set<String> expected = new HashSet<>(truth.get(from + i).subList(0, K));
                found += results.get(i).stream()
                        .filter(hit -> expected.contains((String) hit.getId()))
                        .count();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Batched(
                found / ((double) K * queries.size()),
                queries.size() / seconds,
                BenchReport.percentileMillis(nanos, 0.5),
                BenchReport.percentileMillis(nanos, 0.99));
    }

    private KnnMeasurement.Search hnswSearch(MilvusClientV2 client, int ef) {
        return q -> bareSearch(client, "bench_hnsw", q, Map.of("ef", Math.max(ef, K)));
    }

    /** The stored vectors, the queries, and the exact answers of a Java scan over them. */
    private record Dataset(float[][] vectors, List<float[]> queries, KnnMeasurement.Result exact) {}

    private Dataset dataset(BenchReport report) throws Exception {
        EmbeddingLikeVectors data = new EmbeddingLikeVectors(SEED, DIMENSIONS);
        float[][] vectors =
                IntStream.range(0, size).parallel().mapToObj(data::vector).toArray(float[][]::new);
        List<float[]> queries =
                IntStream.range(0, queryCount).mapToObj(data::query).toList();
        report.line(data.describe(size, queryCount, K));
        return new Dataset(vectors, queries, javaExactScan(vectors, queries, report));
    }

    private static KnnMeasurement.Result javaExactScan(float[][] vectors, List<float[]> queries, BenchReport report)
            throws Exception {
        KnnMeasurement.Search bruteForce = q -> bruteForce(vectors, q);
        KnnMeasurement.run(queries.subList(0, Math.min(10, queries.size())), null, K, bruteForce); // JIT
        KnnMeasurement.Result exact = KnnMeasurement.fastest(PASSES, queries, null, K, bruteForce);
        report.line(String.format(
                "exact scan in Java (one thread, VectorUtil.dotProduct over float[][] on the heap, no RPC): "
                        + "QPS %.1f  p50 %.2f ms  p99 %.2f ms",
                exact.qps(), exact.p50Millis(), exact.p99Millis()));
        return exact;
    }

    /**
     * Whether a collection kept by an earlier run ({@code loupe.bench.milvus.keep}) can be measured again: it
     * exists, is fully indexed with this many rows and loaded. The data is the same (seeded generator).
     */
    private static boolean reusable(MilvusClientV2 client, String name, int rows, BenchReport report) {
        if (!KEEP
                || !client.hasCollection(
                        HasCollectionReq.builder().collectionName(name).build())) {
            return false;
        }
        DescribeIndexResp.IndexDesc index = client.describeIndex(DescribeIndexReq.builder()
                        .collectionName(name)
                        .fieldName("vector")
                        .build())
                .getIndexDescriptions()
                .getFirst();
        if (index.getIndexState() != IndexBuildState.Finished || index.getIndexedRows() != rows) {
            return false;
        }
        client.loadCollection(LoadCollectionReq.builder().collectionName(name).build());
        report.line(name + ": reusing the collection an earlier run kept (" + rows + " rows, indexed)");
        return true;
    }

    private static void createBare(
            MilvusClientV2 client, String name, IndexParam.IndexType type, Map<String, Object> parameters) {
        if (client.hasCollection(HasCollectionReq.builder().collectionName(name).build())) {
            client.dropCollection(
                    DropCollectionReq.builder().collectionName(name).build());
        }
        CreateCollectionReq.CollectionSchema schema =
                CreateCollectionReq.CollectionSchema.builder().build();
        schema.addField(AddFieldReq.builder()
                .fieldName("id")
                .dataType(DataType.VarChar)
                .maxLength(64)
                .isPrimaryKey(true)
                .autoID(false)
                .build());
        schema.addField(AddFieldReq.builder()
                .fieldName("vector")
                .dataType(DataType.FloatVector)
                .dimension(DIMENSIONS)
                .build());
        client.createCollection(CreateCollectionReq.builder()
                .collectionName(name)
                .collectionSchema(schema)
                .indexParams(List.of(IndexParam.builder()
                        .fieldName("vector")
                        .indexType(type)
                        .metricType(IndexParam.MetricType.COSINE)
                        .extraParams(parameters)
                        .build()))
                .consistencyLevel(ConsistencyLevel.STRONG)
                .build());
    }

    /** Inserts, flushes, loads and searches once (which waits for the index), timing each. */
    private static void loadBare(MilvusClientV2 client, String name, float[][] vectors, BenchReport report) {
        long t0 = System.nanoTime();
        for (int from = 0; from < vectors.length; from += 1000) {
            List<JsonObject> rows = new ArrayList<>(1000);
            for (int i = from; i < Math.min(vectors.length, from + 1000); i++) {
                JsonObject row = new JsonObject();
                row.addProperty("id", "v" + i);
                JsonArray vector = new JsonArray(DIMENSIONS);
                for (float x : vectors[i]) {
                    vector.add(x);
                }
                row.add("vector", vector);
                rows.add(row);
            }
            client.insert(InsertReq.builder().collectionName(name).data(rows).build());
        }
        long t1 = System.nanoTime();
        client.flush(FlushReq.builder()
                .collectionNames(List.of(name))
                .waitFlushedTimeoutMs(RPC_DEADLINE_MS)
                .build());
        awaitIndexed(client, name, vectors.length);
        // load what was indexed: segments loaded before their index was built would be searched raw
        client.releaseCollection(
                ReleaseCollectionReq.builder().collectionName(name).build());
        client.loadCollection(LoadCollectionReq.builder().collectionName(name).build());
        long t2 = System.nanoTime();
        bareSearch(client, name, vectors[0], Map.of());
        long t3 = System.nanoTime();
        report.line(String.format(
                "%s: insert %.0f s (%.0f vectors/s), flush + index build + load %.0f s, first search %.1f s",
                name, (t1 - t0) / 1e9, vectors.length / ((t1 - t0) / 1e9), (t2 - t1) / 1e9, (t3 - t2) / 1e9));
    }

    /** Waits until the server's index covers every row (it builds indexes in the background after a flush). */
    private static void awaitIndexed(MilvusClientV2 client, String name, long rows) {
        long deadline = System.nanoTime() + RPC_DEADLINE_MS * 1_000_000L;
        while (true) {
            DescribeIndexResp.IndexDesc index = client.describeIndex(DescribeIndexReq.builder()
                            .collectionName(name)
                            .fieldName("vector")
                            .build())
                    .getIndexDescriptions()
                    .getFirst();
            if (index.getIndexState() == IndexBuildState.Finished
                    && index.getPendingIndexRows() == 0
                    && index.getIndexedRows() >= rows) {
                return;
            }
            assertThat(System.nanoTime())
                    .as("index of %s built in time: %s", name, index)
                    .isLessThan(deadline);
            LockSupport.parkNanos(500_000_000L);
        }
    }

    private static List<String> bareSearch(
            MilvusClientV2 client, String name, float[] query, Map<String, Object> parameters) {
        return client
                .search(SearchReq.builder()
                        .collectionName(name)
                        .annsField("vector")
                        .metricType(IndexParam.MetricType.COSINE)
                        .data(List.of(new FloatVec(query)))
                        .limit(K)
                        .searchParams(parameters)
                        .consistencyLevel(BARE_READS)
                        .build())
                .getSearchResults()
                .getFirst()
                .stream()
                .map(r -> (String) r.getId())
                .toList();
    }

    private CollectionSpec hnsw(int efSearch) {
        return new CollectionSpec(
                "bench_hnsw",
                DIMENSIONS,
                Metric.COSINE,
                new IndexSettings(IndexType.HNSW, M, EF_CONSTRUCTION, efSearch, 1, 1, false));
    }

    /** Ingests into a created collection, flushes and searches once (which loads the indexes), timing each. */
    private static void load(
            MilvusVectorStore store,
            MilvusClientV2 client,
            CollectionSpec spec,
            float[][] vectors,
            BenchReport report) {
        long t0 = System.nanoTime();
        for (int from = 0; from < vectors.length; from += BATCH) {
            List<PhotoRecord> batch = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(vectors.length, from + BATCH); i++) {
                batch.add(PhotoRecord.of("v" + i, vectors[i]));
            }
            store.upsert(spec.name(), batch);
        }
        long t1 = System.nanoTime();
        client.flush(FlushReq.builder()
                .collectionNames(List.of(spec.name()))
                .waitFlushedTimeoutMs(RPC_DEADLINE_MS)
                .build());
        long t2 = System.nanoTime();
        store.search(spec.name(), SearchQuery.of(vectors[0], K));
        long t3 = System.nanoTime();
        report.line(String.format(
                "%s: upsert %.0f s (%.0f vectors/s), flush %.0f s, first search %.1f s",
                spec.name(), (t1 - t0) / 1e9, vectors.length / ((t1 - t0) / 1e9), (t2 - t1) / 1e9, (t3 - t2) / 1e9));
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(h -> h.record().id()).toList();
    }

    private static List<String> bruteForce(float[][] vectors, float[] query) {
        TopK top = new TopK(K);
        for (int i = 0; i < vectors.length; i++) {
            top.offer(VectorUtil.dotProduct(query, vectors[i]), i);
        }
        return Arrays.stream(top.ordsBestFirst()).mapToObj(i -> "v" + i).toList();
    }
}
