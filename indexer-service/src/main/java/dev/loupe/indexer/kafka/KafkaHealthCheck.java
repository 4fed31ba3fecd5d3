package dev.loupe.indexer.kafka;

import dev.loupe.indexer.config.IndexerConfig;
import dev.loupe.indexer.config.KafkaConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the consumers run and the brokers answer; down (with the reason) while the brokers are
 * unreachable (the consumers keep trying meanwhile) or when a consumer died.
 */
@Readiness
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {

    private static final int TIMEOUT_MS = 2000; // a probe must answer quickly

    private final KafkaConfig config;
    private final KafkaIngestionLifecycle lifecycle;
    private Admin admin; // guarded by this

    KafkaHealthCheck(IndexerConfig config, KafkaIngestionLifecycle lifecycle) {
        this.config = config.kafka();
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka")
                .withData("topic", config.topic())
                .withData("bootstrapServers", config.bootstrapServers());
        if (!config.enabled()) {
            return response.up().withData("consumers", "disabled").build();
        }
        KafkaIngestion ingestion = lifecycle.ingestion().orElse(null);
        if (ingestion == null || !ingestion.isRunning()) {
            return response.down()
                    .withData(
                            "consumers", ingestion == null ? "not started" : "stopped: " + ingestion.stoppedConsumers())
                    .build();
        }
        try {
            int brokers = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .size();
            return response.up()
                    .withData("consumers", "running")
                    .withData("brokers", brokers)
                    .build();
        } catch (ExecutionException | TimeoutException e) {
            return response.down()
                    .withData("consumers", "running, waiting for the brokers")
                    .withData("error", "brokers unreachable: " + (e.getCause() == null ? e : e.getCause()).getMessage())
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = new KafkaClients(config).admin();
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }
}
