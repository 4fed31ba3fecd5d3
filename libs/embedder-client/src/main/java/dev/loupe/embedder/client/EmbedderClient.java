package dev.loupe.embedder.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

/**
 * Calls embedder-service: lists its models, embeds texts and images. Every call goes through one
 * SmallRye Fault Tolerance {@link Guard} (see the package documentation): a retryable failure comes
 * out as an {@link EmbedderUnavailableException} once the attempts are spent or the breaker is open,
 * within {@code retry.max-duration} plus one attempt; a 4xx as an {@link EmbedderRefusedException}
 * at once. Thread-safe; calls block, so make them from worker or virtual threads.
 */
public final class EmbedderClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbedderClient.class);

    private final URI url;
    private final int batchSize;
    private final EmbedderApi api;
    private final Guard guard;
    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * What the client needs to know: {@link EmbedderClientConfig} in values.
     *
     * @param url the service's base URL
     * @param connectTimeout longest wait for a TCP connection
     * @param requestTimeout longest wait for one attempt's whole answer
     * @param batchSize most texts per request, 1 to 1024
     */
    public record Settings(
            URI url, Duration connectTimeout, Duration requestTimeout, int batchSize, Retry retry, Breaker breaker) {

        /** See {@link EmbedderClientConfig.Retry}. */
        public record Retry(
                int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration jitter, Duration maxDuration) {

            public Retry {
                if (maxAttempts < 1) {
                    throw new IllegalArgumentException("loupe.embedder.retry.max-attempts must be at least 1");
                }
            }
        }

        /** See {@link EmbedderClientConfig.Breaker}. */
        public record Breaker(int failureThreshold, Duration openDuration) {

            public Breaker {
                if (failureThreshold < 1) {
                    throw new IllegalArgumentException("loupe.embedder.breaker.failure-threshold must be at least 1");
                }
            }
        }

        public Settings {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(breaker, "breaker");
            if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
                throw new IllegalArgumentException("loupe.embedder.url must be an absolute http(s) URL, not " + url);
            }
            if (!connectTimeout.isPositive() || !requestTimeout.isPositive()) {
                throw new IllegalArgumentException("the embedder timeouts must be positive");
            }
            if (batchSize < 1 || batchSize > 1024) {
                throw new IllegalArgumentException("loupe.embedder.batch-size must be between 1 and 1024");
            }
        }

        /** The settings of {@code loupe.embedder.*}. */
        public static Settings of(EmbedderClientConfig config) {
            EmbedderClientConfig.Retry retry = config.retry();
            return new Settings(
                    config.url(),
                    config.connectTimeout(),
                    config.requestTimeout(),
                    config.batchSize(),
                    new Retry(
                            retry.maxAttempts(),
                            retry.initialBackoff(),
                            retry.maxBackoff(),
                            retry.jitter(),
                            retry.maxDuration()),
                    new Breaker(
                            config.breaker().failureThreshold(),
                            config.breaker().openDuration()));
        }
    }

    /** The client of {@code loupe.embedder.*}. */
    public EmbedderClient(EmbedderClientConfig config) {
        this(Settings.of(config));
    }

    public EmbedderClient(Settings settings) {
        this.url = settings.url();
        this.batchSize = settings.batchSize();
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // the guard's timeout ends an attempt first; this only frees the connection behind it
                .readTimeout(settings.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                // several parts named "file" as sibling parts, not one nested multipart/mixed part
                .multipartPostEncoderMode("HTML5")
                .build(EmbedderApi.class);
        this.guard = guard(settings);
    }

    private static Guard guard(Settings settings) {
        Settings.Retry retry = settings.retry();
        Settings.Breaker breaker = settings.breaker();
        List<Class<? extends Throwable>> retryable =
                List.of(EmbedderUnavailableException.class, TimeoutException.class);
        return Guard.create()
                .withDescription("embedder-service at " + settings.url())
                .withTimeout()
                .duration(settings.requestTimeout().toMillis(), ChronoUnit.MILLIS)
                .done()
                .withRetry()
                .maxRetries(retry.maxAttempts() - 1)
                .delay(retry.initialBackoff().toMillis(), ChronoUnit.MILLIS)
                .jitter(retry.jitter().toMillis(), ChronoUnit.MILLIS)
                .maxDuration(retry.maxDuration().toMillis(), ChronoUnit.MILLIS)
                .retryOn(retryable)
                .withExponentialBackoff()
                .factor(2)
                .maxDelay(retry.maxBackoff().toMillis(), ChronoUnit.MILLIS)
                .done()
                .done()
                .withCircuitBreaker()
                .requestVolumeThreshold(breaker.failureThreshold())
                .failureRatio(1.0)
                .successThreshold(1)
                .delay(breaker.openDuration().toMillis(), ChronoUnit.MILLIS)
                .failOn(retryable)
                .onStateChange(state -> LOG.infof("embedder-service at %s: circuit breaker %s", settings.url(), state))
                .done()
                .build();
    }

    /** The service's base URL. */
    public URI url() {
        return url;
    }

    /**
     * The models the service has loaded (models still loading are not listed).
     *
     * @throws EmbedderUnavailableException when the service gives no usable answer
     */
    public List<RemoteModel> models() {
        Wire.ModelList list = call("listing the models", api::models, Wire.ModelList.class);
        List<RemoteModel> models = new ArrayList<>();
        for (Wire.ModelEntry entry : list.data() == null ? List.<Wire.ModelEntry>of() : list.data()) {
            if (entry.id() != null) {
                models.add(new RemoteModel(
                        entry.id(),
                        entry.dimensions(),
                        entry.modalities() == null ? Set.of() : new LinkedHashSet<>(entry.modalities()),
                        entry.isDefault(),
                        entry.queryPrompt()));
            }
        }
        return models;
    }

    /**
     * Embeds texts, {@code batch-size} per request.
     *
     * @param model the model id; null for the service's default
     * @return one vector per text, in order (L2-normalised by the service)
     * @throws EmbedderRefusedException when the service refuses a text (its index is the text's
     *     position in {@code texts}) or the model (404, or 422 when it embeds no text)
     * @throws EmbedderUnavailableException when the service gives no usable answer
     */
    public List<float[]> embedTexts(String model, List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<String> part = texts.subList(from, Math.min(texts.size(), from + batchSize));
            Wire.TextRequest request = new Wire.TextRequest(List.copyOf(part), model);
            int offset = from;
            try {
                vectors.addAll(vectors(
                        call("embedding " + count(part.size(), "text"), () -> api.embedTexts(request)), part.size()));
            } catch (EmbedderRefusedException e) {
                throw e.index() == null || offset == 0
                        ? e
                        : new EmbedderRefusedException(e.status(), e.title(), e.index() + offset, e.reason());
            }
        }
        return vectors;
    }

    /**
     * Embeds encoded images (JPEG, PNG, GIF, BMP, WebP) in one request; the service decodes them.
     *
     * @param model the model id; null for the service's default
     * @return one vector per image, in order (L2-normalised by the service)
     * @throws EmbedderRefusedException when the service refuses an image (its index is the image's
     *     position), the request (too many images), or the model (404; 422 when it embeds no images)
     * @throws EmbedderUnavailableException when the service gives no usable answer
     */
    public List<float[]> embedImages(String model, List<byte[]> images) {
        String what = "embedding " + count(images.size(), "image");
        return vectors(
                call(what, () -> {
                    ClientMultipartForm form = ClientMultipartForm.create();
                    if (model != null) {
                        form.attribute("model", model, null);
                    }
                    for (int i = 0; i < images.size(); i++) {
                        form.binaryFileUpload(
                                "file", "image-" + i, Buffer.buffer(images.get(i)), "application/octet-stream");
                    }
                    return api.embedImages(form);
                }),
                images.size());
    }

    /**
     * Whether the service answers now, asked once without retries or the breaker (for readiness checks).
     *
     * @return null when it answers {@code GET /v1/models} with 200; otherwise why not
     */
    public String unavailability() {
        try (Response response = api.models()) {
            return response.getStatus() == 200 ? null : "answers " + response.getStatus() + " to GET /v1/models";
        } catch (ProcessingException e) {
            return "cannot be reached: " + describe(e);
        }
    }

    @Override
    public void close() {
        if (api instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debugf("closing the embedder client: %s", e.getMessage());
            }
        }
    }

    private Wire.EmbeddingResponse call(String what, Callable<Response> request) {
        return call(what, request, Wire.EmbeddingResponse.class);
    }

    /**
     * Makes one guarded call: sends, then reads a 200's body as {@code type}; a 4xx becomes an {@link
     * EmbedderRefusedException}, everything worth another attempt an {@link EmbedderUnavailableException}.
     */
    private <T> T call(String what, Callable<Response> request, Class<T> type) {
        try {
            return guard.call(() -> attempt(what, request, body -> read(body, type, what)), type);
        } catch (EmbedderRefusedException | EmbedderUnavailableException e) {
            throw e;
        } catch (CircuitBreakerOpenException e) {
            throw new EmbedderUnavailableException(
                    "embedder-service at " + url + " keeps failing; not calling it for a while (circuit breaker open)",
                    e);
        } catch (TimeoutException e) {
            throw new EmbedderUnavailableException(
                    what + ": embedder-service at " + url + " did not answer in time", e);
        } catch (Exception e) {
            throw new EmbedderUnavailableException(what + " failed: " + describe(e), e);
        }
    }

    private <T> T attempt(String what, Callable<Response> request, Function<byte[], T> reader) {
        Response response;
        try {
            response = request.call();
        } catch (ProcessingException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new EmbedderUnavailableException(what + " was interrupted", e);
            }
            throw new EmbedderUnavailableException(
                    what + ": cannot reach embedder-service at " + url + ": " + describe(e), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new EmbedderUnavailableException(what + " failed: " + describe(e), e);
        }
        try (response) {
            int status = response.getStatus();
            byte[] body = response.hasEntity() ? response.readEntity(byte[].class) : new byte[0];
            if (status == 200) {
                return reader.apply(body);
            }
            Wire.Problem problem = problem(body, status);
            String title = problem.title() == null ? "HTTP " + status : problem.title();
            if (status >= 500 || status == 429 || status == 408) {
                throw new EmbedderUnavailableException(
                        what + ": embedder-service at " + url + " answered " + status + " (" + title + ")");
            }
            throw new EmbedderRefusedException(status, title, problem.index(), problem.reason());
        } catch (ProcessingException e) {
            throw new EmbedderUnavailableException(
                    what + ": the answer of embedder-service was cut off: " + describe(e), e);
        }
    }

    private <T> T read(byte[] body, Class<T> type, String what) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new EmbedderUnavailableException(
                    what + ": embedder-service sent an answer this client cannot read: " + e.getMessage(), e);
        }
    }

    private Wire.Problem problem(byte[] body, int status) {
        try {
            return json.readValue(body, Wire.Problem.class);
        } catch (IOException | RuntimeException e) {
            return new Wire.Problem(null, "HTTP " + status, status, null, null, null);
        }
    }

    /** The vectors in input order, checked to be one per input and of one length. */
    private List<float[]> vectors(Wire.EmbeddingResponse response, int expected) {
        List<Wire.EmbeddingData> data = response.data() == null ? List.of() : response.data();
        if (data.size() != expected) {
            throw new EmbedderUnavailableException(
                    "embedder-service returned " + data.size() + " embeddings for " + expected + " inputs");
        }
        float[][] vectors = new float[expected][];
        int length = -1;
        for (Wire.EmbeddingData item : data) {
            float[] embedding = item.embedding();
            if (embedding != null && length < 0) {
                length = embedding.length;
            }
            if (item.index() < 0
                    || item.index() >= expected
                    || embedding == null
                    || embedding.length < 2
                    || embedding.length != length
                    || vectors[item.index()] != null) {
                throw new EmbedderUnavailableException(
                        "embedder-service returned a malformed embedding for input " + item.index());
            }
            vectors[item.index()] = embedding;
        }
        return List.of(vectors);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
