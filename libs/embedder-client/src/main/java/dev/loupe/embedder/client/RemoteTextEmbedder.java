package dev.loupe.embedder.client;

import dev.loupe.ingest.TextEmbedder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Text collections' models through embedder-service: documents as they are, queries behind the
 * model's query prompt, which {@code GET /v1/models} tells (and which is remembered for a minute, so
 * that a restarted service with other models is noticed). Thread-safe.
 */
public final class RemoteTextEmbedder implements TextEmbedder {

    static final Duration MODELS_TTL = Duration.ofMinutes(1);

    private record Known(Map<String, RemoteModel> models, long fetchedNanos) {}

    private final EmbedderClient client;
    private final LongSupplier nanos;
    private volatile Known known;

    public RemoteTextEmbedder(EmbedderClient client) {
        this(client, System::nanoTime);
    }

    RemoteTextEmbedder(EmbedderClient client, LongSupplier nanos) {
        this.client = client;
        this.nanos = nanos;
    }

    @Override
    public List<float[]> embedDocuments(String model, List<String> texts) {
        return embed(require(model).id(), texts);
    }

    @Override
    public List<float[]> embedQueries(String model, List<String> texts) {
        RemoteModel remote = require(model);
        if (remote.queryPrompt().isEmpty()) {
            return embed(remote.id(), texts);
        }
        List<String> prompted = new ArrayList<>(texts.size());
        texts.forEach(t -> prompted.add(remote.queryPrompt() + t));
        return embed(remote.id(), prompted);
    }

    @Override
    public int dimensions(String model) {
        return require(model).dimensions();
    }

    /** The text models embedder-service has loaded; none while it cannot be reached. */
    @Override
    public List<String> models() {
        try {
            return models(false).values().stream()
                    .filter(RemoteModel::embedsText)
                    .map(RemoteModel::id)
                    .sorted()
                    .toList();
        } catch (EmbedderUnavailableException e) {
            return List.of();
        }
    }

    private List<float[]> embed(String model, List<String> texts) {
        try {
            return client.embedTexts(model, texts);
        } catch (EmbedderRefusedException e) {
            if (e.status() == 404) {
                throw new UnknownTextModelException(model, models());
            }
            throw new TextRefusedException(e.index() == null ? -1 : e.index(), e.getMessage());
        }
    }

    /**
     * @throws UnknownTextModelException when the service has no text model of that id
     * @throws EmbedderUnavailableException when it cannot be asked
     */
    private RemoteModel require(String model) {
        Optional<RemoteModel> found = Optional.ofNullable(models(false).get(model));
        if (found.isEmpty()) {
            found = Optional.ofNullable(models(true).get(model)); // loaded since we last asked?
        }
        return found.filter(RemoteModel::embedsText).orElseThrow(() -> new UnknownTextModelException(model, models()));
    }

    private Map<String, RemoteModel> models(boolean fresh) {
        Known current = known;
        long now = nanos.getAsLong();
        if (fresh || current == null || now - current.fetchedNanos() > MODELS_TTL.toNanos()) {
            Map<String, RemoteModel> byId = new ConcurrentHashMap<>();
            client.models().forEach(m -> byId.put(m.id(), m));
            current = new Known(Map.copyOf(byId), now);
            known = current;
        }
        return current.models();
    }
}
