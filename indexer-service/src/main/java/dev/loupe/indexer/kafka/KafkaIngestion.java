package dev.loupe.indexer.kafka;

import dev.loupe.indexer.config.KafkaConfig;
import dev.loupe.ingest.EventProcessor;
import dev.loupe.jobs.ImportProgress;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;

/**
 * The running consumers of {@code photo-ingested}: {@link KafkaConfig#consumerThreads()} consumers of
 * the main topic and one of the delayed retry topic, each on a thread of its own, sharing one producer
 * for retries and dead letters. Not a CDI bean, so that tests can run it against any broker; {@link
 * KafkaIngestionLifecycle} starts it with the service.
 */
public final class KafkaIngestion implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaIngestion.class);
    private static final Duration ABANDON_WAIT = Duration.ofSeconds(10); // interrupted loops close their consumer

    private final KafkaConfig config;
    private final KafkaProducer<String, byte[]> producer;
    private final List<ConsumerLoop> loops = new ArrayList<>();
    private final List<KafkaConsumer<String, byte[]>> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();

    private KafkaIngestion(KafkaConfig config, KafkaProducer<String, byte[]> producer) {
        this.config = config;
        this.producer = producer;
    }

    /**
     * Starts the consumers; they subscribe and poll on their own threads.
     *
     * @throws IllegalArgumentException when a setting is out of range
     */
    public static KafkaIngestion start(
            KafkaConfig config,
            EventProcessor processor,
            ImportProgress progress,
            MeterRegistry registry,
            Clock clock) {
        if (config.consumerThreads() < 1 || config.maxBatchSize() < 1) {
            throw new IllegalArgumentException(
                    "loupe.kafka.consumer-threads and loupe.kafka.max-batch-size must be at least 1");
        }
        KafkaClients clients = new KafkaClients(config);
        Wiring wiring = new Wiring(processor, progress, RetrySchedule.of(config.retry()), registry, clock, clients);
        KafkaIngestion ingestion = new KafkaIngestion(config, clients.producer("loupe-indexer-redelivery"));
        try {
            for (int i = 0; i < config.consumerThreads(); i++) {
                ingestion.add(wiring, "main-" + i, config.groupId(), config.topic(), false);
            }
            ingestion.add(wiring, "retry", config.groupId() + ".retry", config.retryTopic(), true);
        } catch (RuntimeException e) {
            ingestion.consumers.forEach(KafkaConsumer::close);
            ingestion.close();
            throw e;
        }
        ingestion.threads.forEach(Thread::start);
        LOG.infof(
                "consuming %s (%d consumers, group %s) and %s; dead letters to %s",
                config.topic(), config.consumerThreads(), config.groupId(), config.retryTopic(), config.dlqTopic());
        return ingestion;
    }

    /** What every consumer shares. */
    private record Wiring(
            EventProcessor processor,
            ImportProgress progress,
            RetrySchedule retries,
            MeterRegistry registry,
            Clock clock,
            KafkaClients clients) {}

    /** Adds a consumer (not started) of {@code topic}; {@code delayed}: honour retry not-before times. */
    private void add(Wiring wiring, String name, String groupId, String topic, boolean delayed) {
        KafkaConsumer<String, byte[]> consumer = wiring.clients().consumer(groupId, "loupe-indexer-" + name);
        consumers.add(consumer);
        IngestMetrics metrics = new IngestMetrics(wiring.registry(), delayed ? "retry" : "main");
        BatchHandler handler = new BatchHandler(
                new BatchHandler.Topics(config.retryTopic(), config.dlqTopic()),
                wiring.processor(),
                wiring.progress(),
                producer,
                wiring.retries(),
                config.sendTimeout(),
                metrics,
                wiring.clock());
        ConsumerLoop loop = new ConsumerLoop(
                "loupe-kafka-" + name,
                consumer,
                topic,
                delayed,
                handler,
                config.pollTimeout(),
                config.recoveryBackoff(),
                metrics,
                wiring.clock());
        KafkaClientMetrics binder = new KafkaClientMetrics(consumer); // consumer lag among others
        binder.bindTo(wiring.registry());
        clientMetrics.add(binder);
        loops.add(loop);
        threads.add(Thread.ofPlatform().name(loop.name()).daemon(true).unstarted(loop));
    }

    /** Whether every consumer is still running (one that died of an unexpected error makes this false). */
    public boolean isRunning() {
        return !loops.isEmpty() && loops.stream().noneMatch(ConsumerLoop::isStopped);
    }

    /** The names of consumers that are no longer running. */
    public List<String> stoppedConsumers() {
        return loops.stream()
                .filter(ConsumerLoop::isStopped)
                .map(ConsumerLoop::name)
                .toList();
    }

    /**
     * Stops gracefully: every consumer finishes and commits its batch in flight within {@link
     * KafkaConfig#shutdownTimeout()}; one that takes longer is interrupted, its batch abandoned
     * uncommitted (delivered again later).
     */
    @Override
    public void close() {
        stop(config.shutdownTimeout());
    }

    /** Stops at once: batches in flight are abandoned uncommitted, as a crash would leave them. */
    void abandon() {
        stop(Duration.ZERO);
    }

    private void stop(Duration grace) {
        loops.forEach(ConsumerLoop::stop);
        boolean interrupted = false;
        try {
            for (int i = 0; i < loops.size(); i++) {
                ConsumerLoop loop = loops.get(i);
                if (!threads.get(i).isAlive() || loop.awaitStopped(grace)) {
                    continue;
                }
                LOG.warnf("%s did not finish its batch within %s; abandoning it uncommitted", loop.name(), grace);
                threads.get(i).interrupt();
                if (!loop.awaitStopped(ABANDON_WAIT)) {
                    LOG.errorf("%s did not stop within %s of an interrupt", loop.name(), ABANDON_WAIT);
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            threads.forEach(Thread::interrupt);
        } finally {
            clientMetrics.forEach(KafkaClientMetrics::close);
            producer.close(Duration.ofSeconds(5));
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
