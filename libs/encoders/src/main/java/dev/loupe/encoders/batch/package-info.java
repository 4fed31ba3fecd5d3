/**
 * Micro-batching: coalesces concurrent requests into batches so that a model runs once per batch
 * instead of once per caller.
 *
 * <p>Design. {@link dev.loupe.encoders.batch.MicroBatcher#submit} appends a request (a list of
 * items) to one bounded FIFO queue and returns a future. Worker threads (one by default) loop:
 *
 * <ol>
 *   <li>wait until the queue holds an item;
 *   <li>wait for more until the batch would be full or {@code maxWait} has passed since the
 *       <em>oldest queued</em> item arrived (not since the worker woke up: items that queued up while
 *       the previous batch ran are not made to wait twice);
 *   <li>take at most {@code maxBatchSize} items from the head, in order; a request larger than the
 *       space left is split and its remainder stays at the head for the next batch;
 *   <li>run the batch function once, outside the lock, and scatter its results into each request's
 *       slots; a request's future completes when its last slot is filled.
 * </ol>
 *
 * <p>Invariants: items leave the queue in submission order; a batch never exceeds {@code
 * maxBatchSize}; the queue never holds more than {@code queueCapacity} items (a request that would
 * overflow it is refused whole, synchronously, with {@link
 * dev.loupe.encoders.batch.BatchQueueFullException}); items already taken by a worker do not count
 * against the capacity. A failing batch fails exactly the requests with an item in it; a request
 * whose future is already done (failed in an earlier batch, or cancelled by its caller) has its
 * remaining items dropped without running them. {@link dev.loupe.encoders.batch.MicroBatcher#close}
 * fails every queued request with {@link dev.loupe.encoders.batch.BatcherClosedException} and waits
 * for the batches in flight to finish, so the model can be closed safely afterwards.
 */
package dev.loupe.encoders.batch;
