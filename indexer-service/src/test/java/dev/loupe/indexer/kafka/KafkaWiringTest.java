package dev.loupe.indexer.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import dev.loupe.jobs.EventPublisher;
import dev.loupe.testkit.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The Kafka beans in the service, with the consumers off ({@code %test.loupe.kafka.enabled=false}). */
@QuarkusTest
@WithTestResource(PostgresResource.class) // the import jobs' store connects at startup
class KafkaWiringTest {

    @Inject
    EventPublisher publisher;

    @Inject
    KafkaIngestionLifecycle lifecycle;

    @Test
    void imports_publish_through_kafka_and_disabled_consumers_do_not_start() {
        assertThat(publisher).isInstanceOf(KafkaEventPublisher.class);
        assertThat(lifecycle.ingestion()).isEmpty();
    }

    @Test
    void readiness_says_the_consumers_are_disabled() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem("kafka"))
                .body("checks.find { it.name == 'kafka' }.data.consumers", org.hamcrest.Matchers.equalTo("disabled"));
    }
}
