package dev.loupe.indexer.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.jboss.logging.Logger;

/**
 * The poll loop of one consumer (one thread): poll a bounded batch, hand it to the {@link
 * BatchHandler}, and commit its offsets only once the handler returned; when the handler fails, seek
 * back to the batch's first offsets and try again after a pause, so nothing is skipped. On the retry
 * topic ({@code delayed}), a record whose {@link DeliveryHeaders#NOT_BEFORE} lies ahead stops its
 * partition: the consumer seeks back to it and pauses the partition until then, without holding up the
 * other partitions or the main topic's consumers (head-of-line: a later record behind it waits too).
 *
 * <p>Stopping lets the batch in flight finish and commit; {@link Thread#interrupt()} on the loop's
 * thread abandons it uncommitted. Broker outages are ridden out: polls return nothing, failed sends and
 * commits are retried, the loop does not end.
 */
final class ConsumerLoop implements Runnable, ConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    private final String name;
    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final boolean delayed;
    private final BatchHandler handler;
    private final Duration pollTimeout;
    private final Duration recoveryBackoff;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    // touched only by the loop's thread (the rebalance callbacks run inside poll)
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();

    ConsumerLoop(
            String name,
            Consumer<String, byte[]> consumer,
            String topic,
            boolean delayed,
            BatchHandler handler,
            Duration pollTimeout,
            Duration recoveryBackoff,
            IngestMetrics metrics,
            Clock clock) {
        this.name = name;
        this.consumer = consumer;
        this.topic = topic;
        this.delayed = delayed;
        this.handler = handler;
        this.pollTimeout = pollTimeout;
        this.recoveryBackoff = recoveryBackoff;
        this.metrics = metrics;
        this.clock = clock;
    }

    String name() {
        return name;
    }

    @Override
    public void run() {
        try {
            subscribe();
            while (stopping.getCount() > 0) {
                step();
            }
            commitUncommitted();
        } catch (InterruptedException | InterruptException e) {
            LOG.infof("%s: interrupted, the batch in flight is abandoned uncommitted", name);
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "%s: stopped by an unexpected error", name);
            throw e;
        } finally {
            // a consumer closed while interrupted cannot leave its group, which would hold its partitions
            // from the next consumer until the session times out
            boolean interrupted = Thread.interrupted();
            closeConsumer();
            stopped.countDown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Asks the loop to finish its batch, commit and close; returns at once. */
    void stop() {
        stopping.countDown();
    }

    /** Waits for the loop to end after {@link #stop()}; true when it did within the timeout. */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** Subscribes to the topic, with this loop as the rebalance listener. */
    void subscribe() {
        consumer.subscribe(List.of(topic), this);
    }

    /** One poll and its batch. Package-private for tests that drive the loop step by step. */
    void step() throws InterruptedException {
        resumeDuePartitions();
        ConsumerRecords<String, byte[]> records = consumer.poll(nextPollTimeout());
        if (records.isEmpty()) {
            commitUncommitted(); // a commit that failed while the broker was away
            return;
        }
        Map<TopicPartition, Long> firstOffsets = new LinkedHashMap<>();
        Map<TopicPartition, OffsetAndMetadata> nextOffsets = new LinkedHashMap<>();
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        Instant now = clock.instant();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                Instant notBefore = delayed ? notBefore(record) : null;
                if (notBefore != null && notBefore.isAfter(now)) {
                    consumer.seek(partition, record.offset());
                    consumer.pause(List.of(partition));
                    pausedUntil.put(partition, notBefore);
                    break;
                }
                firstOffsets.putIfAbsent(partition, record.offset());
                nextOffsets.put(partition, new OffsetAndMetadata(record.offset() + 1));
                batch.add(record);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            handler.handle(batch);
        } catch (RuntimeException e) {
            if (e instanceof InterruptException) {
                throw e;
            }
            metrics.batchFailed();
            LOG.errorf(
                    "%s: a batch of %d events could not be completed, it is delivered again in %s: %s",
                    name, batch.size(), recoveryBackoff, e.getMessage());
            LOG.debug("the batch's failure", e);
            firstOffsets.forEach(consumer::seek);
            stopping.await(recoveryBackoff.toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        uncommitted.putAll(nextOffsets);
        commitUncommitted();
    }

    private void commitUncommitted() {
        if (uncommitted.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(uncommitted);
            uncommitted.clear();
        } catch (CommitFailedException e) {
            // the partitions moved to another consumer, which gets these events again (harmless)
            LOG.warnf("%s: offsets could not be committed, the group rebalanced: %s", name, e.getMessage());
            uncommitted.clear();
        } catch (RebalanceInProgressException e) {
            LOG.infof("%s: commit deferred by a rebalance in progress", name);
        } catch (InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warnf("%s: offsets not committed yet, tried again after the next poll: %s", name, e.getMessage());
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = uncommitted.remove(partition);
            if (offset != null) {
                done.put(partition, offset);
            }
            pausedUntil.remove(partition);
        }
        if (!done.isEmpty()) {
            try {
                consumer.commitSync(done);
            } catch (KafkaException e) {
                LOG.warnf(
                        "%s: offsets of revoked partitions not committed (delivered again): %s", name, e.getMessage());
            }
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> {
            uncommitted.remove(partition);
            pausedUntil.remove(partition);
        });
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        LOG.debugf("%s: assigned %s", name, partitions);
    }

    private void resumeDuePartitions() {
        if (pausedUntil.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<TopicPartition> due = new ArrayList<>();
        pausedUntil.entrySet().removeIf(entry -> {
            if (entry.getValue().isAfter(now)) {
                return false;
            }
            due.add(entry.getKey());
            return true;
        });
        due.retainAll(consumer.assignment());
        if (!due.isEmpty()) {
            consumer.resume(due);
        }
    }

    private Duration nextPollTimeout() {
        Instant now = clock.instant();
        Duration timeout = pollTimeout;
        for (Instant until : pausedUntil.values()) {
            Duration wait = Duration.between(now, until);
            if (wait.compareTo(timeout) < 0) {
                timeout = wait.isNegative() ? Duration.ZERO : wait;
            }
        }
        return timeout;
    }

    private static Instant notBefore(ConsumerRecord<String, byte[]> record) {
        String millis = DeliveryHeaders.text(record.headers(), DeliveryHeaders.NOT_BEFORE);
        if (millis == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(millis.strip()));
        } catch (NumberFormatException e) {
            return null; // unreadable: due now rather than never
        }
    }

    private void closeConsumer() {
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            LOG.warnf("%s: consumer did not close cleanly: %s", name, e.getMessage());
        }
    }
}
