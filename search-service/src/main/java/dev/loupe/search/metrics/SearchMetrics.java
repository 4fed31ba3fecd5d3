package dev.loupe.search.metrics;

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
 * The search service's Micrometer meters (Prometheus at {@code /q/metrics}; HTTP latency per endpoint
 * comes from Quarkus as {@code http_server_requests_seconds}):
 *
 * <ul>
 *   <li>{@code loupe_search_encoder_batch_size} — query items per inference call, by modality;
 *   <li>{@code loupe_search_encoder_inference_seconds} — one inference call, by modality and outcome;
 *   <li>{@code loupe_search_encoder_rejected_items_total} — query items refused because the queue was
 *       full;
 *   <li>{@code loupe_search_encoder_queue_items} — query items waiting for inference now;
 *   <li>{@code loupe_search_queries_total} — answered queries, by {@code kind} (search, similar,
 *       classify, duplicates).
 * </ul>
 */
@ApplicationScoped
public class SearchMetrics {

    private static final Duration SHORTEST = Duration.ofMillis(1); // histogram range: a tiny model's batch
    private static final Duration LONGEST = Duration.ofMinutes(1); // a full CPU batch of a large model

    private final MeterRegistry registry;

    SearchMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records the batches of one modality's query batcher. */
    public BatchListener batchListener(String model, Modality modality) {
        Tags tags = tags(model, modality);
        DistributionSummary sizes = DistributionSummary.builder("loupe.search.encoder.batch.size")
                .description("Query items per inference call")
                .tags(tags)
                .publishPercentileHistogram()
                .register(registry);
        Timer succeeded = inferenceTimer(tags.and("outcome", "success"));
        Timer failed = inferenceTimer(tags.and("outcome", "failure"));
        Counter rejected = Counter.builder("loupe.search.encoder.rejected.items")
                .description("Query items refused because the batch queue was full")
                .tags(tags)
                .register(registry);
        return new BatchListener() {
            @Override
            public void batchCompleted(BatchStats stats) {
                sizes.record(stats.items());
                (stats.failed() ? failed : succeeded).record(stats.runNanos(), TimeUnit.NANOSECONDS);
            }

            @Override
            public void requestRejected(int count) {
                rejected.increment(count);
            }
        };
    }

    /** Publishes the queue depth of {@code batcher}. */
    public void watchQueue(String model, Modality modality, MicroBatcher<?, ?> batcher) {
        Gauge.builder("loupe.search.encoder.queue.items", batcher, MicroBatcher::queuedItems)
                .description("Query items waiting for inference")
                .tags(tags(model, modality))
                .register(registry);
    }

    /** Counts one answered query of {@code kind} (search, similar, classify, duplicates). */
    public void queryAnswered(String kind) {
        Counter.builder("loupe.search.queries")
                .description("Answered queries, by kind")
                .tag("kind", kind)
                .register(registry)
                .increment();
    }

    private Timer inferenceTimer(Tags tags) {
        return Timer.builder("loupe.search.encoder.inference")
                .description("Duration of one query inference call (one batch)")
                .tags(tags)
                .publishPercentileHistogram()
                .minimumExpectedValue(SHORTEST)
                .maximumExpectedValue(LONGEST)
                .register(registry);
    }

    private static Tags tags(String model, Modality modality) {
        return Tags.of("model", model, "modality", modality.name().toLowerCase(Locale.ROOT));
    }
}
