package dev.loupe.embedder;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

/** Waits, by polling the readiness endpoint, until the default model has loaded in the background. */
public final class Readiness {

    private static final Duration LOAD_DEADLINE = Duration.ofSeconds(60); // the test model loads in ~2 s

    private Readiness() {}

    public static void awaitDefaultModel() {
        await("default model loaded")
                .atMost(LOAD_DEADLINE)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }
}
