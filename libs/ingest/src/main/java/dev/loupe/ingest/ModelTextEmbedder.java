package dev.loupe.ingest;

import dev.loupe.encoders.EmbeddingModel;
import dev.loupe.encoders.Modality;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Embeds texts with in-process text models, each loaded on first use and kept: the standalone
 * service's text collections. Thread-safe (ONNX Runtime sessions are).
 */
public final class ModelTextEmbedder implements TextEmbedder, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ModelTextEmbedder.class);

    private final Map<String, Function<String, EmbeddingModel>> loaders;
    private final Map<String, EmbeddingModel> loaded = new ConcurrentHashMap<>();

    /**
     * @param loaders how to load each text model, by id (a bundle of the models directory)
     */
    public ModelTextEmbedder(Map<String, Function<String, EmbeddingModel>> loaders) {
        this.loaders = new TreeMap<>(loaders);
    }

    @Override
    public List<float[]> embedDocuments(String model, List<String> texts) {
        return Arrays.asList(model(model).embedTexts(texts));
    }

    @Override
    public List<float[]> embedQueries(String model, List<String> texts) {
        return Arrays.asList(model(model).embedQueries(texts));
    }

    @Override
    public int dimensions(String model) {
        return model(model).info().dimensions();
    }

    @Override
    public List<String> models() {
        return List.copyOf(loaders.keySet());
    }

    /**
     * The model, loaded now if this is its first use.
     *
     * @throws UnknownTextModelException when no text bundle has that id
     */
    public EmbeddingModel model(String id) {
        Function<String, EmbeddingModel> loader = id == null ? null : loaders.get(id);
        if (loader == null) {
            throw new UnknownTextModelException(id, models());
        }
        return loaded.computeIfAbsent(id, key -> {
            long started = System.nanoTime();
            EmbeddingModel model = loader.apply(key);
            if (!model.info().supports(Modality.TEXT)) {
                model.close();
                throw new IllegalStateException("model " + key + " has no text tower");
            }
            LOG.infof(
                    "text model '%s' loaded in %d ms: %d dimensions, at most %d tokens%s",
                    key,
                    (System.nanoTime() - started) / 1_000_000,
                    model.info().dimensions(),
                    model.info().maxTokens(),
                    model.info().queryPrompt().isEmpty()
                            ? ""
                            : ", query instruction '" + model.info().queryPrompt() + "'");
            return model;
        });
    }

    @Override
    public void close() {
        loaded.values().forEach(EmbeddingModel::close);
        loaded.clear();
    }

    /** For tests: whether the model has been loaded. */
    boolean isLoaded(String id) {
        return loaded.containsKey(Objects.requireNonNull(id));
    }
}
