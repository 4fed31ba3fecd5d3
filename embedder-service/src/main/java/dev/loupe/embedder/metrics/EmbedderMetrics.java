package dev.loupe.embedder.metrics;

import dev.loupe.encoders.Modality;
import dev.loupe.encoders.batch.BatchListener;
import dev.loupe.encoders.batch.MicroBatcher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The embedder's Micrometer meters, tagged by {@code model} and {@code modality} (exposed by
 * Prometheus at {@code /q/metrics}):
 *
 * <ul>
 *   <li>{@code loupe_embedder_batch_size} — items per inference call (histogram);
 *   <li>{@code loupe_embedder_inference_seconds} — duration of one inference call (histogram; tag
 *       {@code outcome});
 *   <li>{@code loupe_embedder_batch_queue_seconds} — how long a batch's oldest item waited;
 *   <li>{@code loupe_embedder_request_seconds} — a successful request from validation to vectors
 *       (decode, queue, inference);
 *   <li>{@code loupe_embedder_items_total} — items embedded ({@code rate()} gives items/s);
 *   <li>{@code loupe_embedder_rejected_items_total} — items refused because the queue was full;
 *   <li>{@code loupe_embedder_queue_items} — items waiting for inference now.
 * </ul>
 */
@ApplicationScoped
public class EmbedderMetrics {

    private static final Duration SHORTEST = Duration.ofMillis(1); // histogram range: a tiny model's batch
    private static final Duration LONGEST = Duration.ofMinutes(2); // a full CPU batch of a large model

    private final MeterRegistry registry;

    EmbedderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records the batches of one model's modality; pass it to {@link MicroBatcher#start}. */
    public BatchListener batchListener(String model, Modality modality, int maxBatchSize) {
        Tags tags = tags(model, modality);
        DistributionSummary sizes = DistributionSummary.builder("loupe.embedder.batch.size")
                .description("Items per inference call")
                .tags(tags)
                .serviceLevelObjectives(sizeBuckets(maxBatchSize))
                .register(registry);
        Timer succeeded = inferenceTimer(tags.and("outcome", "success"));
        Timer failed = inferenceTimer(tags.and("outcome", "failure"));
        Timer queued = Timer.builder("loupe.embedder.batch.queue")
                .description("How long the oldest item of a batch waited for it to start")
                .tags(tags)
                .publishPercentileHistogram()
                .minimumExpectedValue(SHORTEST)
                .maximumExpectedValue(LONGEST)
                .register(registry);
        Counter items = Counter.builder("loupe.embedder.items")
                .description("Items embedded")
                .tags(tags)
                .register(registry);
        Counter rejected = Counter.builder("loupe.embedder.rejected.items")
                .description("Items refused because the batch queue was full")
                .tags(tags)
                .register(registry);
        return new BatchListener() {
            @Override
            public void batchCompleted(BatchStats stats) {
                sizes.record(stats.items());
                queued.record(stats.queueNanos(), TimeUnit.NANOSECONDS);
                (stats.failed() ? failed : succeeded).record(stats.runNanos(), TimeUnit.NANOSECONDS);
                if (!stats.failed()) {
                    items.increment(stats.items());
                }
            }

            @Override
            public void requestRejected(int count) {
                rejected.increment(count);
            }
        };
    }

    /** Publishes the queue depth of {@code batcher}. */
    public void watchQueue(String model, Modality modality, MicroBatcher<?, ?> batcher) {
        Gauge.builder("loupe.embedder.queue.items", batcher, MicroBatcher::queuedItems)
                .description("Items waiting for inference")
                .tags(tags(model, modality))
                .register(registry);
    }

    /** Records a request that produced its embeddings, measured from {@code startNanos}. */
    public void requestCompleted(String model, Modality modality, long startNanos) {
        Timer.builder("loupe.embedder.request")
                .description("Successful embedding requests: decoding, queueing and inference")
                .tags(tags(model, modality))
                .publishPercentileHistogram()
                .minimumExpectedValue(SHORTEST)
                .maximumExpectedValue(LONGEST)
                .register(registry)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private Timer inferenceTimer(Tags tags) {
        return Timer.builder("loupe.embedder.inference")
                .description("Duration of one inference call (one batch)")
                .tags(tags)
                .publishPercentileHistogram()
                .minimumExpectedValue(SHORTEST)
                .maximumExpectedValue(LONGEST)
                .register(registry);
    }

    private static Tags tags(String model, Modality modality) {
        return Tags.of("model", model, "modality", modality.name().toLowerCase(Locale.ROOT));
    }

    /** 1, 2, 4, … and {@code maxBatchSize} itself: the histogram buckets of batch sizes. */
    private static double[] sizeBuckets(int maxBatchSize) {
        int powers = maxBatchSize <= 1 ? 0 : Integer.SIZE - Integer.numberOfLeadingZeros(maxBatchSize - 1);
        double[] buckets = new double[powers + 1];
        for (int i = 0; i < powers; i++) {
            buckets[i] = 1 << i;
        }
        buckets[powers] = maxBatchSize;
        return buckets;
    }
}
