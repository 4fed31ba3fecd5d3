package dev.loupe.indexer.embedder;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.indexer.config.EmbedderClientConfig;
import dev.loupe.ingest.FailureReason;
import dev.loupe.ingest.FetchException;
import dev.loupe.ingest.PhotoEmbedder;
import dev.loupe.ingest.PreparedPhoto;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.jboss.logging.Logger;

/**
 * Embeds photos through embedder-service's REST API: {@code POST /v1/embeddings/images} with the
 * photos' original bytes as multipart {@code file} parts (the service decodes and preprocesses them
 * itself; it takes no pixels), at most {@link Settings#batchSize()} photos and {@link
 * Settings#maxRequestBytes()} bytes per request.
 *
 * <p>A request that fails with a 5xx, a 429, a timeout or a connection failure is retried with
 * exponential backoff and jitter ({@link RetryPolicy}), at least as late as a {@code Retry-After}
 * asks; a circuit breaker fails requests at once while the service keeps failing. A photo the
 * service refuses (400/413/415/422 naming its index) fails alone with a permanent reason, and the
 * others of its request are sent again without it. Failures are {@link FetchException}s: EMBEDDING
 * and retryable when the service is unavailable, UNDECODABLE or TOO_LARGE and permanent for a photo it
 * refuses. Thread-safe.
 */
public final class EmbedderClient implements PhotoEmbedder, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbedderClient.class);

    /** The longest answer read: 1,024 embeddings of 4,096 floats as JSON text fit well within it. */
    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

    /**
     * What the client needs to know.
     *
     * @param url the service's base URL
     * @param model the model id to use; empty for the service's default image model
     * @param connectTimeout longest wait for a connection
     * @param requestTimeout longest wait for one request's whole answer
     * @param batchSize most photos per request, 1 to 1024
     * @param maxRequestBytes most photo bytes per request (a larger photo goes alone)
     * @param retry retries of failed requests
     * @param breakerThreshold failed attempts in a row that open the circuit breaker
     * @param breakerOpenDuration how long an open breaker refuses requests before one trial
     */
    public record Settings(
            URI url,
            Optional<String> model,
            Duration connectTimeout,
            Duration requestTimeout,
            int batchSize,
            long maxRequestBytes,
            RetryPolicy retry,
            int breakerThreshold,
            Duration breakerOpenDuration) {

        private static final int MAX_BATCH_SIZE = 1024; // the ingest pipeline's own batch limit

        public Settings {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(retry, "retry");
            if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
                throw new IllegalArgumentException("the embedder URL must be an absolute http(s) URL, not " + url);
            }
            if (!connectTimeout.isPositive() || !requestTimeout.isPositive() || breakerOpenDuration.isNegative()) {
                throw new IllegalArgumentException("embedder timeouts must be positive");
            }
            if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("the embedder batch size must be between 1 and " + MAX_BATCH_SIZE);
            }
            if (maxRequestBytes < 1) {
                throw new IllegalArgumentException("the embedder's max request bytes must be positive");
            }
        }

        /** The settings of {@code loupe.embedder.*}. */
        public static Settings of(EmbedderClientConfig config) {
            EmbedderClientConfig.Retry retry = config.retry();
            return new Settings(
                    config.url(),
                    config.model(),
                    config.connectTimeout(),
                    config.requestTimeout(),
                    config.batchSize(),
                    config.maxRequestBytes().asLongValue(),
                    new RetryPolicy(retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(), retry.jitter()),
                    config.breaker().failureThreshold(),
                    config.breaker().openDuration());
        }
    }

    /**
     * The model the client embeds with.
     *
     * @param id its id, stored with every record
     * @param dimensions the length of its embeddings
     */
    public record Model(String id, int dimensions) {}

    /** What the service made of one request that reached it. */
    private sealed interface Answer {}

    private record Embedded(Wire.EmbeddingResponse response) implements Answer {}

    /** The service refused the photo at this position of the request. */
    private record Refused(int position, FetchException why) implements Answer {}

    /** A 4xx that names no photo: the request is split until it does, or until one photo is left. */
    private record Unattributed(int status, String title) implements Answer {}

    private final Settings settings;
    private final HttpClient http;
    private final CircuitBreaker breaker;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    // the most photos per request: the configured batch size, or less once the service said so
    private final AtomicInteger requestLimit;
    private volatile Model model;

    public EmbedderClient(Settings settings) {
        this(settings, Clock.systemUTC(), Sleeper.SYSTEM, RandomGenerator.getDefault());
    }

    EmbedderClient(Settings settings, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance on every POST
                .build();
        this.breaker = new CircuitBreaker(settings.breakerThreshold(), settings.breakerOpenDuration(), clock);
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.requestLimit = new AtomicInteger(settings.batchSize());
    }

    /**
     * The model embeddings come from, asked of {@code GET /v1/models} once and then remembered (and
     * asked again after the service stopped knowing it).
     *
     * @throws FetchException EMBEDDING, retryable when the service cannot be asked or has not loaded
     *     the model yet, permanent when the model embeds no images
     */
    public Model model() throws FetchException {
        Model known = model;
        if (known != null) {
            return known;
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint("v1/models"))
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json")
                .GET()
                .build();
        Response response = send(request, "listing the models");
        if (response.status() != 200) {
            throw new FetchException(
                    FailureReason.EMBEDDING,
                    "embedder-service at " + settings.url() + " answered " + response.status() + " to GET /v1/models: "
                            + problem(response).title());
        }
        Wire.ModelList list = read(response, Wire.ModelList.class);
        List<Wire.ModelEntry> models = list.data() == null ? List.of() : list.data();
        Wire.ModelEntry chosen = settings.model()
                .map(id -> models.stream().filter(m -> id.equals(m.id())).findFirst())
                .orElseGet(() -> models.stream()
                        .filter(m -> m.isDefault() && m.embedsImages())
                        .findFirst()
                        .or(() -> models.stream()
                                .filter(Wire.ModelEntry::embedsImages)
                                .findFirst()))
                .orElseThrow(() -> new FetchException(
                        FailureReason.EMBEDDING,
                        "embedder-service at " + settings.url() + " has not loaded "
                                + settings.model().map(id -> "model " + id).orElse("a model that embeds images")
                                + " (yet); it lists "
                                + models.stream().map(Wire.ModelEntry::id).toList()));
        if (!chosen.embedsImages() || chosen.dimensions() < 2) {
            throw new FetchException(
                    FailureReason.EMBEDDING,
                    false,
                    "model " + chosen.id() + " of embedder-service does not embed images; set loupe.embedder.model"
                            + " to one that does",
                    null);
        }
        known = new Model(chosen.id(), chosen.dimensions());
        model = known;
        LOG.infof("embedding with model %s (%d dimensions) of %s", known.id(), known.dimensions(), settings.url());
        return known;
    }

    /**
     * The configured model id, or the one {@link #model()} found.
     *
     * @throws IllegalStateException when no model is configured and the service cannot be asked: call
     *     {@link #model()} first to get the reason as a {@link FetchException}
     */
    @Override
    public String modelId() {
        if (settings.model().isPresent()) {
            return settings.model().get();
        }
        try {
            return model().id();
        } catch (FetchException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public float[][] embed(List<PreparedPhoto> photos) throws FetchException {
        List<FetchException> refusals = new ArrayList<>();
        float[][] vectors = embedEach(photos, (index, why) -> refusals.add(why));
        if (refusals.isEmpty()) {
            return vectors;
        }
        if (photos.size() == 1) {
            throw refusals.get(0);
        }
        FetchException first = refusals.get(0);
        throw new FetchException(
                FailureReason.EMBEDDING,
                refusals.stream().anyMatch(FetchException::retryable),
                refusals.size() + " of " + photos.size() + " photos were not embedded, the first: "
                        + first.getMessage(),
                first);
    }

    @Override
    public float[][] embedEach(List<PreparedPhoto> photos, Refusals refusals) {
        float[][] vectors = new float[photos.size()][];
        Model using;
        try {
            using = model();
        } catch (FetchException e) {
            for (int i = 0; i < photos.size(); i++) {
                refusals.refused(i, e);
            }
            return vectors;
        }
        Deque<List<Integer>> requests = new ArrayDeque<>(requests(photos));
        while (!requests.isEmpty()) {
            List<Integer> request = requests.poll();
            Answer answer;
            try {
                answer = post(using, photos, request);
            } catch (FetchException e) {
                request.forEach(i -> refusals.refused(i, e));
                continue;
            }
            switch (answer) {
                case Embedded embedded -> {
                    try {
                        place(embedded.response(), using, request, vectors);
                    } catch (FetchException e) {
                        request.forEach(i -> refusals.refused(i, e));
                    }
                }
                case Refused refused -> {
                    refusals.refused(request.get(refused.position()), refused.why());
                    List<Integer> others = new ArrayList<>(request);
                    others.remove(refused.position());
                    if (!others.isEmpty()) {
                        requests.push(others);
                    }
                }
                case Unattributed unattributed -> {
                    if (request.size() == 1) {
                        refusals.refused(
                                request.get(0),
                                new FetchException(
                                        FailureReason.EMBEDDING,
                                        false,
                                        "embedder-service refused the photo with " + unattributed.status() + ": "
                                                + unattributed.title(),
                                        null));
                    } else {
                        int half = request.size() / 2;
                        requests.push(List.copyOf(request.subList(half, request.size())));
                        requests.push(List.copyOf(request.subList(0, half)));
                    }
                }
            }
        }
        return vectors;
    }

    @Override
    public void close() {
        http.close();
    }

    /** Splits the photos (by index) into requests within the item and byte limits, in order. */
    private List<List<Integer>> requests(List<PreparedPhoto> photos) {
        List<List<Integer>> requests = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < photos.size(); i++) {
            long size = photos.get(i).bytes().length;
            if (!current.isEmpty()
                    && (current.size() >= requestLimit.get() || bytes + size > settings.maxRequestBytes())) {
                requests.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(i);
            bytes += size;
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        return requests;
    }

    private Answer post(Model using, List<PreparedPhoto> photos, List<Integer> request) throws FetchException {
        String boundary = "loupe-" + HexFormat.of().formatHex(randomBytes());
        List<byte[]> body = new ArrayList<>(request.size() * 3 + 2);
        body.add(ascii(
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + using.id() + "\r\n"));
        for (int i = 0; i < request.size(); i++) {
            body.add(ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo-" + i
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
            body.add(photos.get(request.get(i)).bytes());
            body.add(ascii("\r\n"));
        }
        body.add(ascii("--" + boundary + "--\r\n"));
        HttpRequest http = HttpRequest.newBuilder(endpoint("v1/embeddings/images"))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArrays(body))
                .build();
        Response response = send(http, "embedding " + request.size() + " photo" + (request.size() == 1 ? "" : "s"));
        int status = response.status();
        if (status == 200) {
            return new Embedded(read(response, Wire.EmbeddingResponse.class));
        }
        Wire.Problem problem = problem(response);
        String title = problem.title() == null ? "HTTP " + status : problem.title();
        if (status == 404) {
            if (settings.model().isEmpty()) {
                model = null; // the service no longer serves the model it named: ask again next time
            }
            throw new FetchException(
                    FailureReason.EMBEDDING, "embedder-service does not serve model " + using.id() + ": " + title);
        }
        if (status == 400 && "TOO_MANY_ITEMS".equals(problem.reason()) && request.size() > 1) {
            int learnt = requestLimit.updateAndGet(limit -> Math.min(limit, request.size() / 2));
            LOG.warnf(
                    "embedder-service takes fewer than %d images per request; sending at most %d (lower"
                            + " loupe.embedder.batch-size): %s",
                    request.size(), learnt, title);
            return new Unattributed(status, title);
        }
        Integer index = problem.index();
        if ((status == 400 || status == 413 || status == 415 || status == 422)
                && index != null
                && index >= 0
                && index < request.size()) {
            FailureReason reason = status == 413 && !"TOO_MANY_PIXELS".equals(problem.reason())
                    ? FailureReason.TOO_LARGE
                    : FailureReason.UNDECODABLE;
            return new Refused(
                    index, new FetchException(reason, false, "embedder-service refused the photo: " + title, null));
        }
        if (status == 422 && index == null) {
            throw new FetchException(
                    FailureReason.EMBEDDING,
                    false,
                    "embedder-service cannot embed images with model " + using.id() + ": " + title,
                    null);
        }
        return new Unattributed(status, title);
    }

    /** Puts the response's vectors in place, checking that they are the model's and one per photo. */
    private static void place(Wire.EmbeddingResponse response, Model using, List<Integer> request, float[][] vectors)
            throws FetchException {
        List<Wire.EmbeddingData> data = response.data() == null ? List.of() : response.data();
        if (data.size() != request.size()) {
            throw new FetchException(
                    FailureReason.EMBEDDING,
                    "embedder-service returned " + data.size() + " embeddings for " + request.size() + " photos");
        }
        for (Wire.EmbeddingData item : data) {
            if (item.index() < 0
                    || item.index() >= request.size()
                    || item.embedding() == null
                    || item.embedding().length != using.dimensions()) {
                throw new FetchException(
                        FailureReason.EMBEDDING,
                        "embedder-service returned an embedding that is not one of model " + using.id() + " ("
                                + using.dimensions() + " dimensions) for photo " + item.index());
            }
            vectors[request.get(item.index())] = item.embedding();
        }
    }

    /** A response read whole (bounded), with the headers that matter here. */
    private record Response(int status, byte[] body, Optional<String> retryAfter) {}

    /**
     * Sends the request through the circuit breaker, retrying 5xx, 429, timeouts and connection
     * failures with backoff.
     *
     * @return the first answer that is not worth retrying (2xx, 3xx, 4xx other than 429)
     * @throws FetchException EMBEDDING (retryable) when the breaker is open, the attempts ran out, or
     *     the thread was interrupted
     */
    private Response send(HttpRequest request, String what) throws FetchException {
        String last = null;
        for (int attempt = 1; ; attempt++) {
            Optional<Duration> open = breaker.acquire();
            if (open.isPresent()) {
                throw new FetchException(
                        FailureReason.EMBEDDING,
                        "embedder-service at " + settings.url() + " keeps failing; not calling it for another "
                                + open.get().toMillis() + " ms (circuit breaker open"
                                + (last == null ? "" : "; last failure: " + last) + ")");
            }
            Duration retryAfter = null;
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                byte[] body;
                try (InputStream in = response.body()) {
                    body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
                }
                if (body.length > MAX_RESPONSE_BYTES) {
                    breaker.succeeded();
                    throw new FetchException(
                            FailureReason.EMBEDDING, what + ": the answer exceeds " + MAX_RESPONSE_BYTES + " bytes");
                }
                Response answer = new Response(
                        response.statusCode(), body, response.headers().firstValue("Retry-After"));
                if (!retryable(answer.status())) {
                    breaker.succeeded();
                    return answer;
                }
                breaker.failed();
                last = "HTTP " + answer.status() + " " + problemTitle(answer);
                retryAfter =
                        answer.retryAfter().flatMap(EmbedderClient::seconds).orElse(null);
            } catch (HttpTimeoutException e) {
                breaker.failed();
                last = "no answer within "
                        + (e instanceof java.net.http.HttpConnectTimeoutException
                                ? settings.connectTimeout() + " (connecting)"
                                : settings.requestTimeout().toString());
            } catch (IOException e) {
                breaker.failed();
                last = "cannot reach " + settings.url() + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } catch (InterruptedException e) {
                breaker.abandoned();
                Thread.currentThread().interrupt();
                throw new FetchException(FailureReason.EMBEDDING, what + " was interrupted", e);
            }
            if (attempt >= settings.retry().maxAttempts()) {
                throw new FetchException(
                        FailureReason.EMBEDDING,
                        what + " failed " + attempt + " time" + (attempt == 1 ? "" : "s") + ", last: " + last);
            }
            Duration wait = settings.retry().backoff(attempt, retryAfter, random);
            LOG.debugf("%s failed (%s); attempt %d in %d ms", what, last, attempt + 1, wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchException(FailureReason.EMBEDDING, what + " was interrupted", e);
            }
        }
    }

    private static boolean retryable(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    private Wire.Problem problem(Response response) {
        try {
            return json.readValue(response.body(), Wire.Problem.class);
        } catch (IOException | RuntimeException e) {
            return new Wire.Problem(null, "HTTP " + response.status(), response.status(), null, null, null);
        }
    }

    private String problemTitle(Response response) {
        String title = problem(response).title();
        return title == null ? "" : "(" + title + ")";
    }

    private <T> T read(Response response, Class<T> type) throws FetchException {
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new FetchException(
                    FailureReason.EMBEDDING,
                    "embedder-service sent an answer this client cannot read: " + e.getMessage(),
                    e);
        }
    }

    private URI endpoint(String path) {
        String base = settings.url().toString();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A {@code Retry-After} in seconds (the HTTP-date form is not worth honouring here). */
    private static Optional<Duration> seconds(String header) {
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
