package dev.loupe.embedder.model;

import dev.loupe.embedder.config.EmbedderConfig;
import dev.loupe.embedder.metrics.EmbedderMetrics;
import dev.loupe.encoders.EmbeddingModel;
import dev.loupe.encoders.ModelInfo;
import dev.loupe.encoders.ModelLoader;
import dev.loupe.encoders.image.ImageLimits;
import dev.loupe.service.config.BatchingConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The models this service serves: every subdirectory of {@code loupe.embedder.models-dir}, loaded in
 * the background at startup (the default model first) so that the HTTP server and the health
 * endpoints come up at once; readiness turns UP when the default model is loaded.
 */
@ApplicationScoped
public class ModelRegistry {

    /** The random-weight model the tests use: its embeddings mean nothing. */
    static final String RANDOM_TEST_MODEL = "clip-tiny-random";

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    /** Where one model stands. */
    public sealed interface State {
        record Loading() implements State {}

        record Ready(ServedModel model) implements State {}

        record Failed(String reason) implements State {}
    }

    private static final State LOADING = new State.Loading();

    private final EmbedderConfig config;
    private final EmbedderMetrics metrics;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private volatile List<String> ids = List.of();
    private volatile String defaultId;
    /** Guarded by {@code this}: once true, models that finish loading are closed at once. */
    private boolean closed;

    ModelRegistry(EmbedderConfig config, EmbedderMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Finds the bundles and starts loading them on a background thread. Fails startup when the
     * configuration cannot work (no models directory, no bundle, an unknown or ambiguous default).
     */
    void start(@Observes StartupEvent event) {
        checkLimits();
        Path dir = config.modelsDir().toAbsolutePath().normalize();
        List<String> found = discover(dir);
        String chosen = chooseDefault(found, dir);
        found.forEach(id -> states.put(id, LOADING));
        ids = found;
        defaultId = chosen;
        List<String> order = new ArrayList<>(found);
        order.remove(chosen);
        order.addFirst(chosen); // readiness waits for the default only
        LOG.infof("loading %d model(s) from %s in the background, default '%s': %s", found.size(), dir, chosen, found);
        Thread.ofPlatform()
                .name("model-loader")
                .daemon(true)
                .start(() -> order.forEach(id -> load(id, dir.resolve(id))));
    }

    void stop(@Observes ShutdownEvent event) {
        List<ServedModel> loaded;
        synchronized (this) {
            closed = true;
            loaded = ready();
        }
        for (ServedModel model : loaded) {
            try {
                model.close();
            } catch (RuntimeException e) {
                LOG.warnf("closing model %s: %s", model.id(), e.getMessage());
            }
        }
    }

    /**
     * The model to use for a request.
     *
     * @param requested a model id, or null (or blank) for the default model
     * @throws UnknownModelException when no bundle has that id
     * @throws ModelUnavailableException when the model is still loading or failed to load
     */
    public ServedModel resolve(String requested) {
        String id = requested == null || requested.isBlank() ? defaultId : requested;
        return switch (states.get(id)) {
            case null -> throw new UnknownModelException(id, ids);
            case State.Loading loading -> throw ModelUnavailableException.loading(id);
            case State.Failed failed -> throw ModelUnavailableException.failed(id, failed.reason());
            case State.Ready ready -> ready.model();
        };
    }

    /** The loaded models, by id. */
    public List<ServedModel> ready() {
        return ids.stream()
                .map(states::get)
                .filter(State.Ready.class::isInstance)
                .map(state -> ((State.Ready) state).model())
                .toList();
    }

    /** Every model found at startup with where it stands, by id. */
    public Map<String, State> states() {
        Map<String, State> snapshot = new LinkedHashMap<>();
        ids.forEach(id -> snapshot.put(id, states.get(id)));
        return snapshot;
    }

    /** The id of the model used when a request names none; null before startup. */
    public String defaultId() {
        return defaultId;
    }

    private void load(String id, Path bundle) {
        long started = System.nanoTime();
        try {
            EmbeddingModel model = ModelLoader.load(id, bundle, config.runtime().options());
            ServedModel served;
            try {
                served = ServedModel.start(
                        model, id.equals(defaultId), config.batching().settings(), imageLimits(), metrics);
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
            synchronized (this) {
                if (closed) {
                    served.close();
                    return;
                }
                states.put(id, new State.Ready(served));
            }
            logReady(served.info(), (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a native library or a class the runtime needs is missing; report, don't hang
            String reason = e instanceof LinkageError
                    ? "the runtime is missing a library (" + e.getMessage() + "); see the service log"
                    : e.getMessage();
            states.put(id, new State.Failed(reason));
            LOG.errorf(e, "model '%s' cannot be served: %s", id, e.getMessage());
        }
    }

    private void logReady(ModelInfo info, long millis) {
        LOG.infof(
                "model '%s' ready in %d ms: %d dimensions, embeds %s, max %d tokens, image %d px, runs on %s%s",
                info.id(),
                millis,
                info.dimensions(),
                info.modalities().stream()
                        .map(m -> m.name().toLowerCase(Locale.ROOT))
                        .sorted()
                        .toList(),
                info.maxTokens(),
                info.imageSize(),
                info.executionProvider().name().toLowerCase(Locale.ROOT),
                info.id().equals(defaultId) ? " (default)" : "");
        if (RANDOM_TEST_MODEL.equals(info.id())) {
            LOG.warnf(
                    "%n*****************************************************************************%n"
                            + "* MODEL '%s' HAS RANDOM WEIGHTS: its embeddings are MEANINGLESS.%n"
                            + "* It exists for tests. Search results built on it are noise. Put a real%n"
                            + "* bundle (e.g. an ONNX export of openai/clip-vit-base-patch32) in%n"
                            + "* loupe.embedder.models-dir and set loupe.embedder.default-model.%n"
                            + "*****************************************************************************",
                    info.id());
        }
    }

    private static List<String> discover(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("loupe.embedder.models-dir " + dir
                    + " is not a directory: create it and put one model bundle per subdirectory in it"
                    + " (for example " + dir.resolve("clip-vit-base-patch32") + "/onnx/vision_model.onnx)");
        }
        try (Stream<Path> children = Files.list(dir)) {
            List<String> found = children.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted(Comparator.naturalOrder())
                    .toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("loupe.embedder.models-dir " + dir
                        + " holds no model bundle: put one bundle per subdirectory in it, named by its model id");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list loupe.embedder.models-dir " + dir, e);
        }
    }

    private String chooseDefault(List<String> found, Path dir) {
        if (config.defaultModel().isPresent()) {
            String configured = config.defaultModel().get();
            if (!found.contains(configured)) {
                throw new IllegalStateException("loupe.embedder.default-model '" + configured + "' is not a bundle in "
                        + dir + "; the bundles there are " + found);
            }
            return configured;
        }
        if (found.size() == 1) {
            return found.getFirst();
        }
        // text models serve the text collections that name them; photos need the one CLIP model
        List<String> clip = found.stream()
                .filter(id -> !ModelLoader.isTextBundle(dir.resolve(id)))
                .toList();
        if (clip.size() == 1) {
            return clip.getFirst();
        }
        throw new IllegalStateException(dir + " holds " + found.size() + " model bundles " + found
                + (clip.isEmpty() ? "" : ", " + clip.size() + " of them CLIP models " + clip)
                + ": set loupe.embedder.default-model (LOUPE_EMBEDDER_DEFAULT_MODEL) to one of them");
    }

    private void checkLimits() {
        BatchingConfig batching = config.batching();
        int maxItems = config.limits().maxItemsPerRequest();
        if (batching.queueCapacity() < Math.max(batching.maxBatchSize(), maxItems)) {
            throw new IllegalStateException("loupe.embedder.batching.queue-capacity (" + batching.queueCapacity()
                    + ") must be at least loupe.embedder.batching.max-batch-size (" + batching.maxBatchSize()
                    + ") and loupe.embedder.limits.max-items-per-request (" + maxItems + ")");
        }
        if (maxItems < 1 || config.limits().maxTextChars() < 1) {
            throw new IllegalStateException(
                    "loupe.embedder.limits.max-items-per-request and max-text-chars must be at least 1");
        }
    }

    private ImageLimits imageLimits() {
        return new ImageLimits(
                config.limits().maxImageBytes().asLongValue(), config.limits().maxImagePixels());
    }
}
