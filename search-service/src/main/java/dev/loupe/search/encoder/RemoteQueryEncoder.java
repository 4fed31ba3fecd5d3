package dev.loupe.search.encoder;

import dev.loupe.embedder.client.EmbedderClient;
import dev.loupe.embedder.client.EmbedderRefusedException;
import dev.loupe.embedder.client.EmbedderUnavailableException;
import dev.loupe.embedder.client.RemoteModel;
import dev.loupe.encoders.Modality;
import dev.loupe.encoders.UnsupportedModalityException;
import dev.loupe.encoders.image.InvalidImageException;
import io.vertx.core.Context;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The distributed mode's {@link QueryEncoder}: embedder-service embeds the queries, through the shared
 * client (its timeout, retries and circuit breaker). The model is the pinned {@code loupe.embedder.model}
 * or the service's default model that embeds both text and images; it is asked of the service once
 * it answers, and again when the service stops serving it. While the service gives no usable answer,
 * calls fail with {@link EmbedderUnavailableException} (503 for the client), never hang.
 */
public final class RemoteQueryEncoder implements QueryEncoder {

    private static final Logger LOG = Logger.getLogger(RemoteQueryEncoder.class);

    private final EmbedderClient client;
    private final Optional<String> pinned;
    private volatile EncoderInfo known;

    public RemoteQueryEncoder(EmbedderClient client, Optional<String> pinned) {
        this.client = Objects.requireNonNull(client, "client");
        this.pinned = Objects.requireNonNull(pinned, "pinned");
    }

    /**
     * The model, asked of the service when not yet known (never on an event-loop thread, which must not
     * block: there it fails until a worker has asked).
     *
     * @throws EmbedderUnavailableException when the service cannot say
     */
    @Override
    public EncoderInfo info() {
        EncoderInfo model = known;
        if (model != null) {
            return model;
        }
        if (Context.isOnEventLoopThread()) {
            throw new EmbedderUnavailableException(
                    "the query model of embedder-service at " + client.url() + " is not known yet");
        }
        return refresh();
    }

    /** The model if known, without asking. */
    @Override
    public Optional<EncoderInfo> knownInfo() {
        return Optional.ofNullable(known);
    }

    /**
     * Asks the service which model embeds the queries.
     *
     * @throws EmbedderUnavailableException when it gives no usable answer or serves no fitting model
     */
    public EncoderInfo refresh() {
        List<RemoteModel> models = client.models();
        RemoteModel chosen = pinned.map(
                        id -> models.stream().filter(m -> m.id().equals(id)).findFirst())
                .orElseGet(() -> models.stream()
                        .filter(m -> m.isDefault() && m.embedsText() && m.embedsImages())
                        .findFirst()
                        .or(() -> models.stream()
                                .filter(m -> m.embedsText() && m.embedsImages())
                                .findFirst()))
                .orElseThrow(() -> new EmbedderUnavailableException("embedder-service at " + client.url()
                        + " serves no " + pinned.map(id -> "model " + id).orElse("model that embeds text and images")
                        + " (yet); it lists "
                        + models.stream().map(RemoteModel::id).toList()));
        Set<Modality> modalities = EnumSet.noneOf(Modality.class);
        if (chosen.embedsText()) {
            modalities.add(Modality.TEXT);
        }
        if (chosen.embedsImages()) {
            modalities.add(Modality.IMAGE);
        }
        EncoderInfo model = new EncoderInfo(
                chosen.id(), chosen.dimensions(), modalities, !ModelBundles.RANDOM_TEST_MODEL.equals(chosen.id()));
        if (!model.equals(known)) {
            LOG.infof(
                    "queries are embedded by embedder-service at %s: model '%s', %d dimensions%s",
                    client.url(),
                    model.modelId(),
                    model.dimensions(),
                    model.meaningful() ? "" : " (RANDOM WEIGHTS: results are meaningless)");
        }
        known = model;
        return model;
    }

    @Override
    public List<float[]> embedTexts(List<String> texts) {
        EncoderInfo model = info();
        if (!model.modalities().contains(Modality.TEXT)) {
            throw new UnsupportedModalityException(model.modelId(), Modality.TEXT);
        }
        try {
            return client.embedTexts(model.modelId(), texts);
        } catch (EmbedderRefusedException e) {
            throw refusedModel(e, model);
        }
    }

    @Override
    public float[] embedImage(byte[] encoded) {
        EncoderInfo model = info();
        if (!model.modalities().contains(Modality.IMAGE)) {
            throw new UnsupportedModalityException(model.modelId(), Modality.IMAGE);
        }
        try {
            return client.embedImages(model.modelId(), List.of(encoded)).getFirst();
        } catch (EmbedderRefusedException e) {
            Optional<InvalidImageException.Reason> reason = imageReason(e);
            if (reason.isPresent()) {
                throw new InvalidImageException(reason.get(), e.title());
            }
            throw refusedModel(e, model);
        }
    }

    /** Liveness does not follow a dependency: a remote encoder has no worker of its own to lose. */
    @Override
    public boolean isRunning() {
        return true;
    }

    /** The service's reason for refusing an image, when it is one the image decoder also gives. */
    private static Optional<InvalidImageException.Reason> imageReason(EmbedderRefusedException e) {
        if (e.reason() == null || e.index() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InvalidImageException.Reason.valueOf(e.reason()));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** A refusal that is not the query's fault: the model went away (ask again), or the service refused us. */
    private RuntimeException refusedModel(EmbedderRefusedException e, EncoderInfo model) {
        if (e.status() == 404) {
            known = null; // the service no longer serves it: ask again on the next query
            return new EmbedderUnavailableException(
                    "embedder-service no longer serves model " + model.modelId() + ": " + e.title(), e);
        }
        return e;
    }
}
