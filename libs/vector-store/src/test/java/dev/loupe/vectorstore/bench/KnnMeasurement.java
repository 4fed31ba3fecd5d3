package dev.loupe.vectorstore.bench;

import dev.loupe.testkit.BenchReport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a query set through one search function on one thread, timing each query and scoring recall. */
public final class KnnMeasurement {

    /** One search: the ids of the nearest records, best first. */
    @FunctionalInterface
    public interface Search {
        List<String> nearest(float[] query) throws Exception;
    }

    /**
     * @param recall mean fraction of the exact top k found in the top k returned; NaN without a truth
     * @param qps queries per second over the whole run (one thread, wall clock)
     * @param cpuQps queries per second of the searching thread's CPU time: what the search costs, less the
     *     time other processes on a shared machine took from it (useless where the work runs elsewhere)
     * @param p50Millis median latency
     * @param p99Millis 99th-percentile latency
     * @param answers what each query returned, in query order
     */
    public record Result(
            double recall, double qps, double cpuQps, double p50Millis, double p99Millis, List<List<String>> answers) {

        /** {@code recall@10 0.9567  QPS 812.3  p50 1.18 ms  p99 2.40 ms}. */
        public String summary(int k) {
            return String.format(
                    "recall@%d %.4f  QPS %.1f  p50 %.2f ms  p99 %.2f ms", k, recall, qps, p50Millis, p99Millis);
        }
    }

    private KnnMeasurement() {}

    /**
     * Searches every query once, in order.
     *
     * @param exact the exact top-k ids per query, or null when this run is the exact scan itself
     */
    public static Result run(List<float[]> queries, List<List<String>> exact, int k, Search search) throws Exception {
        long[] nanos = new long[queries.size()];
        List<String>[] answers = newAnswers(queries.size());
        double found = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < queries.size(); i++) {
            long t0 = System.nanoTime();
            List<String> ids = search.nearest(queries.get(i));
            nanos[i] = System.nanoTime() - t0;
            answers[i] = ids;
            if (exact != null) {
                found += overlap(ids, exact.get(i), k);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        return new Result(
                exact == null ? Double.NaN : found / ((double) k * queries.size()),
                queries.size() / seconds,
                queries.size() / cpuSeconds,
                BenchReport.percentileMillis(nanos, 0.5),
                BenchReport.percentileMillis(nanos, 0.99),
                List.of(answers));
    }

    /** {@link #run} {@code passes} times; the pass with the highest QPS (the least disturbed by other work). */
    public static Result fastest(int passes, List<float[]> queries, List<List<String>> exact, int k, Search search)
            throws Exception {
        return best(passes, () -> run(queries, exact, k, search));
    }

    /**
     * Searches every query once from {@code clients} threads at a time, each taking the next query not yet
     * taken: throughput under load, as a server with many users sees it. {@code cpuQps} is NaN (the work
     * runs on many threads and, for a server, elsewhere); latencies are per query, queueing included.
     */
    public static Result concurrent(int clients, List<float[]> queries, List<List<String>> exact, int k, Search search)
            throws Exception {
        long[] nanos = new long[queries.size()];
        List<String>[] answers = newAnswers(queries.size());
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>(clients);
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < queries.size(); i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        answers[i] = search.nearest(queries.get(i));
                        nanos[i] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double found = 0;
        for (int i = 0; exact != null && i < queries.size(); i++) {
            found += overlap(answers[i], exact.get(i), k);
        }
        return new Result(
                exact == null ? Double.NaN : found / ((double) k * queries.size()),
                queries.size() / seconds,
                Double.NaN,
                BenchReport.percentileMillis(nanos, 0.5),
                BenchReport.percentileMillis(nanos, 0.99),
                List.of(answers));
    }

    /** {@link #concurrent} {@code passes} times; the pass with the highest QPS. */
    public static Result fastestConcurrent(
            int passes, int clients, List<float[]> queries, List<List<String>> exact, int k, Search search)
            throws Exception {
        return best(passes, () -> concurrent(clients, queries, exact, k, search));
    }

    private static Result best(int passes, Callable<Result> pass) throws Exception {
        Result best = null;
        for (int i = 0; i < passes; i++) {
            Result r = pass.call();
            best = best == null || r.qps() > best.qps() ? r : best;
        }
        return best;
    }

    private static int overlap(List<String> found, List<String> exact, int k) {
        Set<String> truth = new HashSet<>(exact.subList(0, Math.min(k, exact.size())));
        int hits = 0;
        for (String id : found.subList(0, Math.min(k, found.size()))) {
            if (truth.contains(id)) {
                hits++;
            }
        }
        return hits;
    }

    @SuppressWarnings("unchecked")
    private static List<String>[] newAnswers(int n) {
        return (List<String>[]) new List<?>[n];
    }
}
