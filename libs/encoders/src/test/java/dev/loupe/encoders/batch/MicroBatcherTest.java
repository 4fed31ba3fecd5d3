package dev.loupe.encoders.batch;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicroBatcherTest {

    private static final long TIMEOUT = 10; // seconds; generous for a loaded CI machine, never reached when green
    private static final Duration FOREVER = Duration.ofMinutes(10); // a wait no test should reach
    private static final int POISON = -1;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void coalesces_concurrent_single_item_requests_into_one_batch() throws Exception {
        RecordingFunction function = new RecordingFunction();
        StatsRecorder stats = new StatsRecorder();
        MicroBatcher<Integer, Integer> batcher = start(function, new BatchSettings(4, FOREVER, 16, 1), stats);

        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        toClose.add(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            int item = i;
            results.add(callers.submit(() -> {
                go.await();
                return batcher.submit(List.of(item)).get(TIMEOUT, SECONDS);
            }));
        }
        go.countDown();

        for (int i = 0; i < 4; i++) {
            assertThat(results.get(i).get(TIMEOUT, SECONDS)).containsExactly((i + 1) * 10);
        }
        assertThat(function.batches).hasSize(1);
        assertThat(function.batches.getFirst()).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(stats.batches).singleElement().satisfies(batch -> {
            assertThat(batch.items()).isEqualTo(4);
            assertThat(batch.requests()).isEqualTo(4);
            assertThat(batch.failed()).isFalse();
        });
    }

    @Test
    void runs_a_partial_batch_once_the_oldest_item_has_waited_max_wait() throws Exception {
        RecordingFunction function = new RecordingFunction();
        Duration maxWait = Duration.ofMillis(30);
        MicroBatcher<Integer, Integer> batcher = start(function, new BatchSettings(8, maxWait, 16, 1));

        long before = System.nanoTime();
        List<Integer> result = batcher.submit(List.of(7)).get(TIMEOUT, SECONDS);
        long elapsed = System.nanoTime() - before;

        assertThat(result).containsExactly(70);
        assertThat(function.batches).containsExactly(List.of(7));
        assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(maxWait);
    }

    @Test
    void items_queued_during_a_batch_form_the_next_batch_without_waiting_again() throws Exception {
        RecordingFunction function = new RecordingFunction().blockingFirstBatch();
        MicroBatcher<Integer, Integer> batcher = start(function, new BatchSettings(8, Duration.ZERO, 16, 1));

        CompletableFuture<List<Integer>> first = batcher.submit(List.of(1));
        function.awaitFirstBatchStarted();
        CompletableFuture<List<Integer>> second = batcher.submit(List.of(2, 3));
        CompletableFuture<List<Integer>> third = batcher.submit(List.of(4));
        function.releaseFirstBatch();

        assertThat(first.get(TIMEOUT, SECONDS)).containsExactly(10);
        assertThat(second.get(TIMEOUT, SECONDS)).containsExactly(20, 30);
        assertThat(third.get(TIMEOUT, SECONDS)).containsExactly(40);
        assertThat(function.batches).containsExactly(List.of(1), List.of(2, 3, 4));
    }

    @Test
    void returns_each_caller_its_own_results_in_submission_order() throws Exception {
        RecordingFunction function = new RecordingFunction().blockingFirstBatch();
        MicroBatcher<Integer, Integer> batcher = start(function, new BatchSettings(3, Duration.ZERO, 64, 1));

        CompletableFuture<List<Integer>> warmUp = batcher.submit(List.of(0));
        function.awaitFirstBatchStarted();
        List<List<Integer>> requests =
                List.of(List.of(1, 2), List.of(3), List.of(4, 5, 6, 7), List.of(8), List.of(9, 10));
        List<CompletableFuture<List<Integer>>> futures = new ArrayList<>();
        for (List<Integer> request : requests) {
            futures.add(batcher.submit(request));
        }
        function.releaseFirstBatch();

        warmUp.get(TIMEOUT, SECONDS);
        for (int i = 0; i < requests.size(); i++) {
            List<Integer> expected =
                    requests.get(i).stream().map(item -> item * 10).toList();
            assertThat(futures.get(i).get(TIMEOUT, SECONDS)).containsExactlyElementsOf(expected);
        }
        // FIFO: items leave the queue in submission order, three at a time
        assertThat(function.batches)
                .containsExactly(List.of(0), List.of(1, 2, 3), List.of(4, 5, 6), List.of(7, 8, 9), List.of(10));
    }

    @Test
    void splits_a_request_larger_than_the_batch_size_and_completes_it_once() throws Exception {
        RecordingFunction function = new RecordingFunction();
        MicroBatcher<Integer, Integer> batcher = start(function, new BatchSettings(4, Duration.ZERO, 16, 1));

        List<Integer> items = IntStream.rangeClosed(1, 10).boxed().toList();
        List<Integer> result = batcher.submit(items).get(TIMEOUT, SECONDS);

        assertThat(result)
                .containsExactlyElementsOf(items.stream().map(i -> i * 10).toList());
        assertThat(function.batches).extracting(List::size).containsExactly(4, 4, 2);
        assertThat(function.batches.stream().flatMap(List::stream)).containsExactlyElementsOf(items);
    }

    @Test
    void splits_are_spread_over_several_workers_and_reassembled_in_order() throws Exception {
        RecordingFunction function = new RecordingFunction();
        MicroBatcher<Integer, Integer> batcher = start(function, new BatchSettings(2, Duration.ZERO, 64, 3));

        List<Integer> items = IntStream.range(0, 41).boxed().toList();
        List<Integer> result = batcher.submit(items).get(TIMEOUT, SECONDS);

        assertThat(result)
                .containsExactlyElementsOf(items.stream().map(i -> i * 10).toList());
        assertThat(function.batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 2));
    }

    @Test
    void a_failing_batch_fails_exactly_the_requests_in_it() throws Exception {
        RecordingFunction function = new RecordingFunction().blockingFirstBatch();
        StatsRecorder stats = new StatsRecorder();
        MicroBatcher<Integer, Integer> batcher = start(function, new BatchSettings(2, Duration.ZERO, 16, 1), stats);

        CompletableFuture<List<Integer>> warmUp = batcher.submit(List.of(0));
        function.awaitFirstBatchStarted();
        CompletableFuture<List<Integer>> good = batcher.submit(List.of(1, 2)); // batch [1, 2]
        CompletableFuture<List<Integer>> poisoned = batcher.submit(List.of(POISON)); // batch [POISON, 3]
        CompletableFuture<List<Integer>> unlucky = batcher.submit(List.of(3));
        function.releaseFirstBatch();

        assertThat(warmUp.get(TIMEOUT, SECONDS)).containsExactly(0);
        assertThat(good.get(TIMEOUT, SECONDS)).containsExactly(10, 20);
        assertThatThrownBy(() -> poisoned.get(TIMEOUT, SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("poison");
        assertThatThrownBy(() -> unlucky.get(TIMEOUT, SECONDS)).cause().hasMessage("poison");
        assertThat(stats.batches).extracting(BatchListener.BatchStats::failed).containsExactly(false, false, true);

        // the worker survived the failure
        assertThat(batcher.submit(List.of(4)).get(TIMEOUT, SECONDS)).containsExactly(40);
        assertThat(batcher.isRunning()).isTrue();
    }

    @Test
    void a_split_request_fails_with_its_first_failing_batch_and_its_remaining_items_are_skipped() throws Exception {
        RecordingFunction function = new RecordingFunction();
        MicroBatcher<Integer, Integer> batcher = start(function, new BatchSettings(2, Duration.ZERO, 16, 1));

        CompletableFuture<List<Integer>> split = batcher.submit(List.of(1, POISON, 3, 4, 5));
        assertThatThrownBy(() -> split.get(TIMEOUT, SECONDS)).cause().hasMessage("poison");
        // queued behind the split request, so it runs only after the worker has passed over its remainder
        assertThat(batcher.submit(List.of(6)).get(TIMEOUT, SECONDS)).containsExactly(60);

        assertThat(function.batches).containsExactly(List.of(1, POISON), List.of(6));
        assertThat(batcher.queuedItems()).isZero();
    }

    @Test
    void a_batch_function_returning_the_wrong_number_of_results_fails_its_requests() throws Exception {
        MicroBatcher<Integer, Integer> batcher =
                start(items -> List.of(1), new BatchSettings(4, Duration.ZERO, 16, 1), BatchListener.NONE);

        assertThatThrownBy(() -> batcher.submit(List.of(1, 2)).get(TIMEOUT, SECONDS))
                .cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned 1 results for 2 items");
    }

    @Test
    void refuses_a_request_when_the_queue_is_full_and_accepts_again_once_it_drains() throws Exception {
        RecordingFunction function = new RecordingFunction().blockingFirstBatch();
        StatsRecorder stats = new StatsRecorder();
        MicroBatcher<Integer, Integer> batcher = start(function, new BatchSettings(1, Duration.ZERO, 2, 1), stats);

        CompletableFuture<List<Integer>> inFlight = batcher.submit(List.of(1));
        function.awaitFirstBatchStarted(); // taken by the worker: no longer counts against the capacity
        CompletableFuture<List<Integer>> queuedA = batcher.submit(List.of(2));
        CompletableFuture<List<Integer>> queuedB = batcher.submit(List.of(3));

        assertThat(batcher.queuedItems()).isEqualTo(2);
        assertThatThrownBy(() -> batcher.ensureRoomFor(1)).isInstanceOf(BatchQueueFullException.class);
        assertThatThrownBy(() -> batcher.submit(List.of(4)))
                .isInstanceOf(BatchQueueFullException.class)
                .hasMessageContaining("2 of 2 items queued, no room for 1 more");
        assertThat(stats.rejectedItems).containsExactly(1, 1);

        function.releaseFirstBatch();
        assertThat(inFlight.get(TIMEOUT, SECONDS)).containsExactly(10);
        assertThat(queuedA.get(TIMEOUT, SECONDS)).containsExactly(20);
        assertThat(queuedB.get(TIMEOUT, SECONDS)).containsExactly(30);
        batcher.ensureRoomFor(2);
        assertThat(batcher.submit(List.of(5, 6)).get(TIMEOUT, SECONDS)).containsExactly(50, 60);
    }

    @Test
    void refuses_a_request_that_can_never_fit_the_queue() {
        MicroBatcher<Integer, Integer> batcher =
                start(new RecordingFunction(), new BatchSettings(2, Duration.ZERO, 4, 1), BatchListener.NONE);

        assertThatThrownBy(() -> batcher.submit(List.of(1, 2, 3, 4, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("can never fit");
    }

    @Test
    void cancelled_requests_are_dropped_without_running() throws Exception {
        RecordingFunction function = new RecordingFunction().blockingFirstBatch();
        MicroBatcher<Integer, Integer> batcher = start(function, new BatchSettings(4, Duration.ZERO, 16, 1));

        CompletableFuture<List<Integer>> inFlight = batcher.submit(List.of(1));
        function.awaitFirstBatchStarted();
        CompletableFuture<List<Integer>> cancelled = batcher.submit(List.of(2, 3));
        CompletableFuture<List<Integer>> kept = batcher.submit(List.of(4));
        cancelled.cancel(false);
        function.releaseFirstBatch();

        assertThat(inFlight.get(TIMEOUT, SECONDS)).containsExactly(10);
        assertThat(kept.get(TIMEOUT, SECONDS)).containsExactly(40);
        assertThat(function.batches).containsExactly(List.of(1), List.of(4));
    }

    @Test
    void close_fails_queued_requests_waits_for_the_batch_in_flight_and_refuses_new_ones() throws Exception {
        RecordingFunction function = new RecordingFunction().blockingFirstBatch();
        MicroBatcher<Integer, Integer> batcher = start(function, new BatchSettings(1, Duration.ZERO, 8, 1));

        CompletableFuture<List<Integer>> inFlight = batcher.submit(List.of(1));
        function.awaitFirstBatchStarted();
        CompletableFuture<List<Integer>> queued = batcher.submit(List.of(2));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(batcher::close);

        assertThatThrownBy(() -> queued.get(TIMEOUT, SECONDS)).cause().isInstanceOf(BatcherClosedException.class);
        assertThatThrownBy(() -> closing.get(50, java.util.concurrent.TimeUnit.MILLISECONDS))
                .as("close waits while a batch is in flight")
                .isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> batcher.submit(List.of(3))).isInstanceOf(BatcherClosedException.class);

        function.releaseFirstBatch();
        closing.get(TIMEOUT, SECONDS);
        assertThat(inFlight.get(TIMEOUT, SECONDS)).containsExactly(10);
        assertThat(function.batches).containsExactly(List.of(1));
        assertThat(batcher.isRunning()).isFalse();
        batcher.close(); // idempotent
    }

    @Test
    void an_empty_request_completes_at_once_without_a_batch() throws Exception {
        RecordingFunction function = new RecordingFunction();
        MicroBatcher<Integer, Integer> batcher = start(function, new BatchSettings(4, FOREVER, 16, 1));

        assertThat(batcher.submit(List.of()).get(TIMEOUT, SECONDS)).isEmpty();
        assertThat(function.batches).isEmpty();
    }

    @Test
    void settings_refuse_values_that_cannot_work() {
        assertThatThrownBy(() -> new BatchSettings(0, Duration.ZERO, 1, 1)).hasMessageContaining("maxBatchSize");
        assertThatThrownBy(() -> new BatchSettings(1, Duration.ofMillis(-1), 1, 1))
                .hasMessageContaining("maxWait");
        assertThatThrownBy(() -> new BatchSettings(8, Duration.ZERO, 4, 1)).hasMessageContaining("queueCapacity");
        assertThatThrownBy(() -> new BatchSettings(1, Duration.ZERO, 1, 0)).hasMessageContaining("workers");
    }

    private MicroBatcher<Integer, Integer> start(RecordingFunction function, BatchSettings settings) {
        return start(function, settings, BatchListener.NONE);
    }

    private MicroBatcher<Integer, Integer> start(
            MicroBatcher.BatchFunction<Integer, Integer> function, BatchSettings settings, BatchListener listener) {
        MicroBatcher<Integer, Integer> batcher = MicroBatcher.start("test", function, settings, listener);
        toClose.add(batcher);
        return batcher;
    }

    /** Multiplies by ten, records every batch, fails batches holding {@link #POISON}, can hold the first. */
    private static final class RecordingFunction implements MicroBatcher.BatchFunction<Integer, Integer> {
        final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        private final CountDownLatch firstStarted = new CountDownLatch(1);
        private final CountDownLatch releaseFirst = new CountDownLatch(1);
        private boolean blockFirst;

        RecordingFunction blockingFirstBatch() {
            blockFirst = true;
            return this;
        }

        void awaitFirstBatchStarted() throws InterruptedException {
            assertThat(firstStarted.await(TIMEOUT, SECONDS))
                    .as("first batch started")
                    .isTrue();
        }

        void releaseFirstBatch() {
            releaseFirst.countDown();
        }

        @Override
        public List<Integer> apply(List<Integer> items) {
            batches.add(List.copyOf(items));
            if (blockFirst && firstStarted.getCount() > 0) {
                firstStarted.countDown();
                try {
                    if (!releaseFirst.await(TIMEOUT, SECONDS)) {
                        throw new IllegalStateException("the test never released the first batch");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (items.contains(POISON)) {
                throw new IllegalArgumentException("poison");
            }
            return items.stream().map(item -> item * 10).toList();
        }
    }

    private static final class StatsRecorder implements BatchListener {
        final List<BatchStats> batches = new CopyOnWriteArrayList<>();
        final List<Integer> rejectedItems = new CopyOnWriteArrayList<>();

        @Override
        public void batchCompleted(BatchStats stats) {
            batches.add(stats);
        }

        @Override
        public void requestRejected(int items) {
            rejectedItems.add(items);
        }
    }
}
