package dev.loupe.embedder.client;

import dev.loupe.ingest.FailureReason;
import dev.loupe.ingest.FetchException;
import dev.loupe.ingest.PhotoEmbedder;
import dev.loupe.ingest.PreparedPhoto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Embeds photos through embedder-service: their original bytes go as multipart parts (the service
 * decodes and preprocesses them itself), at most {@code batch-size} photos and {@code
 * max-request-bytes} bytes per request. A photo the service refuses (400/413/415/422 naming its index)
 * fails alone with a permanent reason, and the others of its request are sent again without it; a 4xx
 * naming no photo splits the request until the photo at fault is alone. Failures are {@link
 * FetchException}s: EMBEDDING and retryable when the service is unavailable, UNDECODABLE or TOO_LARGE
 * and permanent for a photo it refuses. Thread-safe.
 */
public final class RemotePhotoEmbedder implements PhotoEmbedder {

    private static final Logger LOG = Logger.getLogger(RemotePhotoEmbedder.class);

    private final EmbedderClient client;
    private final Optional<String> pinned;
    private final long maxRequestBytes;
    // the most photos per request: the configured batch size, or less once the service said so
    private final AtomicInteger requestLimit;
    private volatile RemoteModel model;

    /**
     * @param pinned the model to embed with; empty for the service's default model that embeds images
     */
    public RemotePhotoEmbedder(EmbedderClient client, Optional<String> pinned, int batchSize, long maxRequestBytes) {
        this.client = Objects.requireNonNull(client, "client");
        this.pinned = Objects.requireNonNull(pinned, "pinned");
        if (batchSize < 1 || maxRequestBytes < 1) {
            throw new IllegalArgumentException("the batch size and the request bytes must be positive");
        }
        this.maxRequestBytes = maxRequestBytes;
        this.requestLimit = new AtomicInteger(batchSize);
    }

    /** The embedder of {@code loupe.embedder.*} over a client of the same settings. */
    public static RemotePhotoEmbedder of(EmbedderClient client, EmbedderClientConfig config) {
        return new RemotePhotoEmbedder(
                client,
                config.model(),
                config.batchSize(),
                config.maxRequestBytes().asLongValue());
    }

    /**
     * The model embeddings come from, asked of the service once and then remembered (and asked again
     * after the service stopped knowing it).
     *
     * @throws FetchException EMBEDDING, retryable when the service cannot be asked or has not loaded the
     *     model yet, permanent when the model embeds no images
     */
    public RemoteModel model() throws FetchException {
        RemoteModel known = model;
        if (known != null) {
            return known;
        }
        List<RemoteModel> models;
        try {
            models = client.models();
        } catch (EmbedderUnavailableException e) {
            throw new FetchException(FailureReason.EMBEDDING, e.getMessage(), e);
        }
        RemoteModel chosen = pinned.map(
                        id -> models.stream().filter(m -> id.equals(m.id())).findFirst())
                .orElseGet(() -> models.stream()
                        .filter(m -> m.isDefault() && m.embedsImages())
                        .findFirst()
                        .or(() -> models.stream()
                                .filter(RemoteModel::embedsImages)
                                .findFirst()))
                .orElseThrow(() -> new FetchException(
                        FailureReason.EMBEDDING,
                        "embedder-service at " + client.url() + " has not loaded "
                                + pinned.map(id -> "model " + id).orElse("a model that embeds images")
                                + " (yet); it lists "
                                + models.stream().map(RemoteModel::id).toList()));
        if (!chosen.embedsImages() || chosen.dimensions() < 2) {
            throw new FetchException(
                    FailureReason.EMBEDDING,
                    false,
                    "model " + chosen.id() + " of embedder-service does not embed images; set loupe.embedder.model"
                            + " to one that does",
                    null);
        }
        model = chosen;
        LOG.infof("embedding with model %s (%d dimensions) of %s", chosen.id(), chosen.dimensions(), client.url());
        return chosen;
    }

    /**
     * The pinned model id, or the one {@link #model()} found.
     *
     * @throws IllegalStateException when no model is pinned and the service cannot be asked: call {@link
     *     #model()} first to get the reason as a {@link FetchException}
     */
    @Override
    public String modelId() {
        if (pinned.isPresent()) {
            return pinned.get();
        }
        try {
            return model().id();
        } catch (FetchException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public int dimensions() throws FetchException {
        return model().dimensions();
    }

    @Override
    public float[][] embed(List<PreparedPhoto> photos) throws FetchException {
        List<FetchException> refusals = new ArrayList<>();
        float[][] vectors = embedEach(photos, (index, why) -> refusals.add(why));
        if (refusals.isEmpty()) {
            return vectors;
        }
        if (photos.size() == 1) {
            throw refusals.getFirst();
        }
        FetchException first = refusals.getFirst();
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
        RemoteModel using;
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
            List<byte[]> images =
                    request.stream().map(i -> photos.get(i).bytes()).toList();
            try {
                List<float[]> embedded = client.embedImages(using.id(), images);
                for (int i = 0; i < request.size(); i++) {
                    float[] vector = embedded.get(i);
                    if (vector.length != using.dimensions()) {
                        throw new EmbedderUnavailableException("embedder-service returned a " + vector.length
                                + "-dimensional embedding, not one of model " + using.id() + " ("
                                + using.dimensions() + " dimensions)");
                    }
                    vectors[request.get(i)] = vector;
                }
            } catch (EmbedderUnavailableException e) {
                FetchException why = new FetchException(FailureReason.EMBEDDING, e.getMessage(), e);
                request.forEach(i -> refusals.refused(i, why));
            } catch (EmbedderRefusedException e) {
                refused(e, using, request, requests, refusals);
            }
        }
        return vectors;
    }

    /** Fails the photo the service names alone and queues the others again, or splits the request. */
    private void refused(
            EmbedderRefusedException e,
            RemoteModel using,
            List<Integer> request,
            Deque<List<Integer>> requests,
            Refusals refusals) {
        int status = e.status();
        if (status == 404) {
            if (pinned.isEmpty()) {
                model = null; // the service no longer serves the model it named: ask again next time
            }
            FetchException why = new FetchException(
                    FailureReason.EMBEDDING, "embedder-service does not serve model " + using.id() + ": " + e.title());
            request.forEach(i -> refusals.refused(i, why));
            return;
        }
        if (status == 400 && "TOO_MANY_ITEMS".equals(e.reason()) && request.size() > 1) {
            int learnt = requestLimit.updateAndGet(limit -> Math.min(limit, request.size() / 2));
            LOG.warnf(
                    "embedder-service takes fewer than %d images per request; sending at most %d (lower"
                            + " loupe.embedder.batch-size): %s",
                    request.size(), learnt, e.title());
            split(request, requests);
            return;
        }
        Integer index = e.index();
        if ((status == 400 || status == 413 || status == 415 || status == 422)
                && index != null
                && index >= 0
                && index < request.size()) {
            FailureReason reason = status == 413 && !"TOO_MANY_PIXELS".equals(e.reason())
                    ? FailureReason.TOO_LARGE
                    : FailureReason.UNDECODABLE;
            refusals.refused(
                    request.get(index),
                    new FetchException(reason, false, "embedder-service refused the photo: " + e.title(), null));
            List<Integer> others = new ArrayList<>(request);
            others.remove((int) index);
            if (!others.isEmpty()) {
                requests.push(others);
            }
            return;
        }
        if (status == 422 && index == null) {
            FetchException why = new FetchException(
                    FailureReason.EMBEDDING,
                    false,
                    "embedder-service cannot embed images with model " + using.id() + ": " + e.title(),
                    null);
            request.forEach(i -> refusals.refused(i, why));
            return;
        }
        if (request.size() == 1) {
            refusals.refused(
                    request.getFirst(),
                    new FetchException(
                            FailureReason.EMBEDDING,
                            false,
                            "embedder-service refused the photo with " + status + ": " + e.title(),
                            null));
            return;
        }
        split(request, requests);
    }

    private static void split(List<Integer> request, Deque<List<Integer>> requests) {
        int half = request.size() / 2;
        requests.push(List.copyOf(request.subList(half, request.size())));
        requests.push(List.copyOf(request.subList(0, half)));
    }

    /** Splits the photos (by index) into requests within the item and byte limits, in order. */
    private List<List<Integer>> requests(List<PreparedPhoto> photos) {
        List<List<Integer>> requests = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < photos.size(); i++) {
            long size = photos.get(i).bytes().length;
            if (!current.isEmpty() && (current.size() >= requestLimit.get() || bytes + size > maxRequestBytes)) {
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
}
