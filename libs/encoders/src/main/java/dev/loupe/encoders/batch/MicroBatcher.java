package dev.loupe.encoders.batch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Coalesces concurrent requests into batches and runs a batch function once per batch (see the
 * package documentation for the algorithm and its invariants). Thread-safe.
 *
 * @param <I> an item to process (a preprocessed image, a text)
 * @param <O> the result for one item (an embedding)
 */
public final class MicroBatcher<I, O> implements AutoCloseable {

    /** The work done once per batch. */
    @FunctionalInterface
    public interface BatchFunction<I, O> {

        /**
         * @param items 1..maxBatchSize items, in submission order; the list is not to be kept
         * @return exactly one result per item, in the same order
         */
        List<O> apply(List<I> items);
    }

    private static final Logger LOG = Logger.getLogger(MicroBatcher.class);

    private final String name;
    private final BatchFunction<I, O> function;
    private final BatchSettings settings;
    private final BatchListener listener;
    private final long maxWaitNanos;
    private final List<Thread> workers;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a request is queued and when the batcher closes. */
    private final Condition changed = lock.newCondition();
    /** Requests with items not yet taken by a worker, oldest first. Guarded by {@link #lock}. */
    private final ArrayDeque<Request<I, O>> queue = new ArrayDeque<>();
    /** Items in {@link #queue} not yet taken by a worker. Guarded by {@link #lock}. */
    private int queuedItems;
    /** Guarded by {@link #lock}. */
    private boolean closed;

    private MicroBatcher(String name, BatchFunction<I, O> function, BatchSettings settings, BatchListener listener) {
        this.name = Objects.requireNonNull(name, "name");
        this.function = Objects.requireNonNull(function, "function");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.maxWaitNanos = settings.maxWait().toNanos();
        List<Thread> threads = new ArrayList<>(settings.workers());
        for (int i = 0; i < settings.workers(); i++) {
            threads.add(Thread.ofPlatform()
                    .name("batcher-" + name + "-" + i)
                    .daemon(true)
                    .unstarted(this::work));
        }
        this.workers = List.copyOf(threads);
    }

    /**
     * Creates a batcher and starts its worker threads.
     *
     * @param name names the threads and appears in exception messages (e.g. {@code clip-vit-b32/image})
     * @param listener observes batches and rejections; {@link BatchListener#NONE} when not needed
     */
    public static <I, O> MicroBatcher<I, O> start(
            String name, BatchFunction<I, O> function, BatchSettings settings, BatchListener listener) {
        MicroBatcher<I, O> batcher = new MicroBatcher<>(name, function, settings, listener);
        batcher.workers.forEach(Thread::start);
        return batcher;
    }

    /**
     * Queues {@code items} to be processed in one or more batches.
     *
     * <p>The returned future completes with one result per item, in order, once every item has been
     * processed; it fails with the batch function's exception when a batch holding one of its items
     * fails, and with {@link BatcherClosedException} when the batcher closes first. It completes on a
     * worker thread, so work chained to it without an executor should be quick. Cancelling it drops
     * the items not yet taken by a worker.
     *
     * @param items 0..queueCapacity non-null items; an empty list completes at once
     * @throws BatchQueueFullException when the queue has no room for all of the items (none is queued)
     * @throws BatcherClosedException when the batcher is closed
     * @throws IllegalArgumentException when there are more items than the queue can ever hold
     */
    public CompletableFuture<List<O>> submit(List<? extends I> items) {
        List<I> copy = List.copyOf(items);
        int count = copy.size();
        if (count == 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (count > settings.queueCapacity()) {
            throw new IllegalArgumentException("a request of " + count + " items can never fit the queue of '" + name
                    + "' (capacity " + settings.queueCapacity() + "); split it");
        }
        Request<I, O> request = new Request<>(copy, System.nanoTime());
        int queuedBefore;
        lock.lock();
        try {
            if (closed) {
                throw new BatcherClosedException(name);
            }
            queuedBefore = queuedItems;
            if (queuedBefore + count <= settings.queueCapacity()) {
                queue.addLast(request);
                queuedItems += count;
                changed.signalAll();
                return request.future;
            }
        } finally {
            lock.unlock();
        }
        notifyRejected(count);
        throw new BatchQueueFullException(name, count, queuedBefore, settings.queueCapacity());
    }

    /**
     * Refuses now, as {@link #submit} would, a request of {@code items} items that the queue has no
     * room for: lets callers shed load before the expensive work of preparing the items. A hint only:
     * other callers may take the room before {@link #submit} is called.
     *
     * @throws BatchQueueFullException when the queue has no room for {@code items} more (the listener
     *     hears of it)
     * @throws BatcherClosedException when the batcher is closed
     */
    public void ensureRoomFor(int items) {
        int queuedNow;
        lock.lock();
        try {
            if (closed) {
                throw new BatcherClosedException(name);
            }
            queuedNow = queuedItems;
            if (queuedNow + items <= settings.queueCapacity()) {
                return;
            }
        } finally {
            lock.unlock();
        }
        notifyRejected(items);
        throw new BatchQueueFullException(name, items, queuedNow, settings.queueCapacity());
    }

    /** Items waiting in the queue (not counting batches in flight); for a gauge. */
    public int queuedItems() {
        lock.lock();
        try {
            return queuedItems;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the batcher accepts requests and all its workers are alive. */
    public boolean isRunning() {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        return workers.stream().allMatch(Thread::isAlive);
    }

    public BatchSettings settings() {
        return settings;
    }

    public String name() {
        return name;
    }

    /**
     * Stops accepting requests, fails every queued request with {@link BatcherClosedException}, and
     * waits for the batches in flight to finish (their requests still complete normally, unless part
     * of them was still queued). Idempotent.
     */
    @Override
    public void close() {
        List<Request<I, O>> abandoned;
        lock.lock();
        try {
            closed = true;
            abandoned = new ArrayList<>(queue);
            queue.clear();
            queuedItems = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        BatcherClosedException closedException = new BatcherClosedException(name);
        abandoned.forEach(request -> request.future.completeExceptionally(closedException));
        boolean interrupted = false;
        for (Thread worker : workers) {
            if (worker == Thread.currentThread()) {
                continue; // closed from the batch function or a listener: this worker exits on its own
            }
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        while (true) {
            Batch<I, O> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                // Nobody but the JVM interrupts these threads; keep serving unless closed.
                continue;
            }
            if (batch == null) {
                return;
            }
            run(batch);
        }
    }

    /** Blocks until a batch is due; null once the batcher is closed. */
    private Batch<I, O> nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    return null;
                }
                if (queue.isEmpty()) {
                    changed.await();
                    continue;
                }
                long remaining = queue.peekFirst().enqueuedNanos + maxWaitNanos - System.nanoTime();
                if (queuedItems < settings.maxBatchSize() && remaining > 0) {
                    changed.awaitNanos(remaining);
                    continue;
                }
                Batch<I, O> batch = take();
                if (batch != null) {
                    return batch;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes up to maxBatchSize items from the head; null when only finished requests were queued. */
    private Batch<I, O> take() {
        assert lock.isHeldByCurrentThread();
        int limit = settings.maxBatchSize();
        List<I> items = new ArrayList<>(Math.min(limit, queuedItems));
        List<Segment<I, O>> segments = new ArrayList<>();
        while (items.size() < limit && !queue.isEmpty()) {
            Request<I, O> request = queue.peekFirst();
            if (request.future.isDone()) {
                // failed in an earlier batch or cancelled by its caller: its remaining items are moot
                queue.pollFirst();
                queuedItems -= request.undispatched();
                continue;
            }
            int from = request.dispatched;
            int count = Math.min(request.undispatched(), limit - items.size());
            items.addAll(request.items.subList(from, from + count));
            request.dispatched += count;
            queuedItems -= count;
            segments.add(new Segment<>(request, from, count));
            if (request.undispatched() == 0) {
                queue.pollFirst();
            }
        }
        assert queuedItems >= 0 && items.size() <= limit;
        return items.isEmpty() ? null : new Batch<>(items, segments);
    }

    private void run(Batch<I, O> batch) {
        int size = batch.items.size();
        long started = System.nanoTime();
        List<O> results = null;
        Throwable failure = null;
        try {
            results = function.apply(batch.items);
            if (results == null || results.size() != size) {
                failure = new IllegalStateException("the batch function of '" + name + "' returned "
                        + (results == null ? "null" : results.size() + " results") + " for " + size + " items");
            }
        } catch (Throwable e) { // any failure fails this batch's requests, never the worker
            failure = e;
        }
        long runNanos = System.nanoTime() - started;
        long queueNanos = started - batch.segments.getFirst().request.enqueuedNanos;
        // Listen first, then complete: whoever sees a future complete also sees its batch recorded.
        notifyBatch(new BatchListener.BatchStats(size, batch.segments.size(), queueNanos, runNanos, failure != null));
        int offset = 0;
        for (Segment<I, O> segment : batch.segments) {
            if (failure == null) {
                segment.request.fill(segment.from, results.subList(offset, offset + segment.count));
            } else {
                segment.request.future.completeExceptionally(failure);
            }
            offset += segment.count;
        }
    }

    private void notifyBatch(BatchListener.BatchStats stats) {
        try {
            listener.batchCompleted(stats);
        } catch (RuntimeException e) {
            LOG.warnf("batch listener of '%s' failed: %s", name, e.getMessage());
        }
    }

    private void notifyRejected(int count) {
        try {
            listener.requestRejected(count);
        } catch (RuntimeException e) {
            LOG.warnf("batch listener of '%s' failed: %s", name, e.getMessage());
        }
    }

    /** One caller's items, its result slots and its future. */
    private static final class Request<I, O> {
        final List<I> items;
        final long enqueuedNanos;
        final CompletableFuture<List<O>> future = new CompletableFuture<>();
        final Object[] slots;
        /** Results still missing; the worker that brings it to zero completes the future. */
        final AtomicInteger missing;
        /** Items already taken by a worker. Guarded by the batcher's lock. */
        int dispatched;

        Request(List<I> items, long enqueuedNanos) {
            this.items = items;
            this.enqueuedNanos = enqueuedNanos;
            this.slots = new Object[items.size()];
            this.missing = new AtomicInteger(items.size());
        }

        int undispatched() {
            return items.size() - dispatched;
        }

        @SuppressWarnings("unchecked")
        void fill(int from, List<O> results) {
            for (int i = 0; i < results.size(); i++) {
                slots[from + i] = results.get(i);
            }
            // Segments of one request may finish on different workers; the atomic orders the writes.
            if (missing.addAndGet(-results.size()) == 0) {
                future.complete((List<O>) Collections.unmodifiableList(Arrays.asList(slots)));
            }
        }
    }

    /** The part {@code [from, from + count)} of a request that went into a batch. */
    private record Segment<I, O>(Request<I, O> request, int from, int count) {}

    private record Batch<I, O>(List<I> items, List<Segment<I, O>> segments) {}
}
