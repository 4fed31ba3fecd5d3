package dev.loupe.embedder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client, through the Quarkus REST Client and its guard, against a scripted stand-in of embedder-service. */
@QuarkusTest
class EmbedderClientTest {

    private ScriptedEmbedder server;

    @BeforeEach
    void startServer() throws IOException {
        server = ScriptedEmbedder.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void lists_the_models_the_service_serves() {
        try (EmbedderClient client = new EmbedderClient(TestClientConfig.of(server.url()))) {
            assertThat(client.models())
                    .containsExactly(
                            new RemoteModel("text-only", 8, java.util.Set.of("text"), false),
                            new RemoteModel(
                                    ScriptedEmbedder.PROMPTED,
                                    4,
                                    java.util.Set.of("text"),
                                    false,
                                    ScriptedEmbedder.PROMPT),
                            new RemoteModel(ScriptedEmbedder.MODEL, 4, java.util.Set.of("image", "text"), true));
        }
    }

    @Test
    void embeds_texts_in_requests_of_the_batch_size_and_keeps_their_order() {
        try (EmbedderClient client =
                new EmbedderClient(TestClientConfig.withBatchSize(TestClientConfig.of(server.url()), 2))) {
            List<float[]> vectors = client.embedTexts("clip-test", List.of("a", "bb", "ccc", "dddd", "eeeee"));

            assertThat(vectors).extracting(v -> v[0]).containsExactly(1f, 2f, 3f, 4f, 5f);
            assertThat(server.textBodies()).hasSize(3);
            assertThat(server.textBodies().getFirst()).contains("\"model\":\"clip-test\"");
        }
    }

    @Test
    void retries_a_503_and_answers_once_the_service_does() {
        server.then(ScriptedEmbedder.Reply.failing(503), ScriptedEmbedder.Reply.failing(503));
        try (EmbedderClient client = new EmbedderClient(TestClientConfig.of(server.url()))) {
            List<float[]> vectors = client.embedImages(null, List.of("photo-7".getBytes()));

            assertThat(vectors.getFirst()[0]).isEqualTo(7f);
            assertThat(server.requestSizes()).containsExactly(1, 1, 1);
        }
    }

    @Test
    void gives_up_after_the_last_attempt_as_unavailable() {
        server.then(
                ScriptedEmbedder.Reply.failing(500),
                ScriptedEmbedder.Reply.failing(502),
                ScriptedEmbedder.Reply.busy(429, "1"));
        try (EmbedderClient client = new EmbedderClient(TestClientConfig.of(server.url()))) {
            assertThatThrownBy(() -> client.embedImages(null, List.of("photo-1".getBytes())))
                    .isInstanceOf(EmbedderUnavailableException.class)
                    .hasMessageContaining("answered 429");
            assertThat(server.requestSizes()).hasSize(3);
        }
    }

    @Test
    void does_not_retry_a_4xx_and_says_what_the_service_said() {
        server.then(ScriptedEmbedder.Reply.failing(400));
        try (EmbedderClient client = new EmbedderClient(TestClientConfig.of(server.url()))) {
            assertThatThrownBy(() -> client.embedImages(null, List.of("photo-1".getBytes())))
                    .isInstanceOfSatisfying(EmbedderRefusedException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.title()).isEqualTo("scripted 400");
                        assertThat(e.index()).isNull();
                    });
            assertThat(server.requestSizes()).containsExactly(1);
        }
    }

    @Test
    void a_refused_text_is_named_by_its_position_in_the_whole_list() {
        server.then(ScriptedEmbedder.Reply.problem(
                400, "{\"title\":\"Text 1 is too long\",\"status\":400,\"index\":1,\"reason\":\"TOO_LONG\"}"));
        try (EmbedderClient client =
                new EmbedderClient(TestClientConfig.withBatchSize(TestClientConfig.of(server.url()), 2))) {
            // the scripted refusal answers the first request; a second client call sees it offset
            assertThatThrownBy(() -> client.embedTexts(null, List.of("a", "bb", "ccc")))
                    .isInstanceOfSatisfying(EmbedderRefusedException.class, e -> {
                        assertThat(e.index()).isEqualTo(1);
                        assertThat(e.reason()).isEqualTo("TOO_LONG");
                    });
            server.then(
                    ScriptedEmbedder.Reply.problem(
                            200,
                            "{\"data\":[{\"index\":0,\"embedding\":[1,0,0,0]},"
                                    + "{\"index\":1,\"embedding\":[2,0,0,0]}]}"),
                    ScriptedEmbedder.Reply.problem(
                            400, "{\"title\":\"Text 0 is too long\",\"status\":400,\"index\":0}"));
            assertThatThrownBy(() -> client.embedTexts(null, List.of("a", "bb", "ccc")))
                    .isInstanceOfSatisfying(
                            EmbedderRefusedException.class,
                            e -> assertThat(e.index()).isEqualTo(2));
        }
    }

    @Test
    void a_refused_connection_is_unavailable_after_its_attempts() throws IOException {
        URI nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (EmbedderClient client = new EmbedderClient(TestClientConfig.of(nobody))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.embedTexts(null, List.of("a")))
                    .isInstanceOf(EmbedderUnavailableException.class)
                    .hasMessageContaining("cannot reach embedder-service");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(client.unavailability()).startsWith("cannot be reached");
        }
    }

    @Test
    void an_attempt_without_an_answer_in_time_is_retried() {
        server.then(ScriptedEmbedder.Reply.hanging());
        try (EmbedderClient client = new EmbedderClient(
                TestClientConfig.withRequestTimeout(TestClientConfig.of(server.url()), Duration.ofMillis(300)))) {
            List<float[]> vectors = client.embedImages(null, List.of("photo-2".getBytes()));

            assertThat(vectors.getFirst()[0]).isEqualTo(2f);
            assertThat(server.requestSizes()).containsExactly(1, 1);
        }
    }

    @Test
    void a_service_that_never_answers_fails_within_the_attempts_timeouts() {
        server.then(
                ScriptedEmbedder.Reply.hanging(), ScriptedEmbedder.Reply.hanging(), ScriptedEmbedder.Reply.hanging());
        try (EmbedderClient client = new EmbedderClient(
                TestClientConfig.withRequestTimeout(TestClientConfig.of(server.url()), Duration.ofMillis(200)))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.embedImages(null, List.of("photo-2".getBytes())))
                    .isInstanceOf(EmbedderUnavailableException.class)
                    .hasMessageContaining("did not answer in time");
            // 3 attempts of 200 ms and 2 short backoffs
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void the_breaker_opens_fails_fast_and_closes_again_once_the_service_answers() {
        EmbedderClient.Settings config = TestClientConfig.withBreaker(
                TestClientConfig.withAttempts(TestClientConfig.of(server.url()), 1), 2, Duration.ofMillis(300));
        try (EmbedderClient client = new EmbedderClient(config)) {
            server.then(ScriptedEmbedder.Reply.failing(503), ScriptedEmbedder.Reply.failing(503));
            List<byte[]> photo = List.of("photo-1".getBytes());
            assertThatThrownBy(() -> client.embedImages(null, photo)).isInstanceOf(EmbedderUnavailableException.class);
            assertThatThrownBy(() -> client.embedImages(null, photo)).isInstanceOf(EmbedderUnavailableException.class);

            assertThatThrownBy(() -> client.embedImages(null, photo))
                    .isInstanceOf(EmbedderUnavailableException.class)
                    .hasMessageContaining("circuit breaker open");
            assertThat(server.requestSizes()).as("no request while open").hasSize(2);

            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50))
                    .ignoreException(EmbedderUnavailableException.class)
                    .until(() -> client.embedImages(null, List.of("photo-9".getBytes()))
                                    .getFirst()[0]
                            == 9f);
            assertThat(server.requestSizes()).hasSize(3);
        }
    }
}
