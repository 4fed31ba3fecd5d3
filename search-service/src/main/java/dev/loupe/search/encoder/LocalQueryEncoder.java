package dev.loupe.search.encoder;

import dev.loupe.encoders.EmbeddingModel;
import dev.loupe.encoders.InferenceException;
import dev.loupe.encoders.Modality;
import dev.loupe.encoders.ModelInfo;
import dev.loupe.encoders.UnsupportedModalityException;
import dev.loupe.encoders.batch.BatchListener;
import dev.loupe.encoders.batch.BatchSettings;
import dev.loupe.encoders.batch.MicroBatcher;
import dev.loupe.encoders.image.ImageDecoder;
import dev.loupe.encoders.image.ImageLimits;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * The standalone {@link QueryEncoder}: an in-process model with one {@link MicroBatcher} per modality,
 * so that concurrent queries share inference calls. Images are decoded and preprocessed on the
 * caller's thread (at most a bounded number at once), then batched. Owns the model: {@link #close()}
 * frees it.
 */
public final class LocalQueryEncoder implements QueryEncoder, AutoCloseable {

    private final EmbeddingModel model;
    private final EncoderInfo info;
    private final MicroBatcher<String, float[]> texts; // null without a text tower
    private final MicroBatcher<float[], float[]> images; // null without an image tower
    private final ImageDecoder decoder;
    /** Bounds the decoded pixels held at once across requests (a 50 MP image is 200 MB decoded). */
    private final Semaphore decodePermits;

    /**
     * Starts the batchers of {@code model}; the encoder owns the model from now on.
     *
     * @param listeners the batch listener of each modality's batcher (for metrics)
     * @param maxConcurrentDecodes images decoded at once; 0 for one per processor
     */
    public LocalQueryEncoder(
            EmbeddingModel model,
            BatchSettings batching,
            ImageLimits limits,
            int maxConcurrentDecodes,
            Function<Modality, BatchListener> listeners,
            boolean meaningful) {
        this.model = model;
        ModelInfo modelInfo = model.info();
        this.info = new EncoderInfo(modelInfo.id(), modelInfo.dimensions(), modelInfo.modalities(), meaningful);
        this.texts = start(model, Modality.TEXT, model::embedTexts, batching, listeners);
        this.images = start(model, Modality.IMAGE, model::embedImages, batching, listeners);
        this.decoder = new ImageDecoder(limits);
        this.decodePermits = new Semaphore(
                maxConcurrentDecodes > 0
                        ? maxConcurrentDecodes
                        : Runtime.getRuntime().availableProcessors(),
                true);
    }

    /** A batcher running {@code embed} when the model embeds {@code modality}; null otherwise. */
    private static <I> MicroBatcher<I, float[]> start(
            EmbeddingModel model,
            Modality modality,
            Function<List<I>, float[][]> embed,
            BatchSettings batching,
            Function<Modality, BatchListener> listeners) {
        ModelInfo info = model.info();
        if (!info.supports(modality)) {
            return null;
        }
        return MicroBatcher.start(
                info.id() + "/" + modality.name().toLowerCase(Locale.ROOT),
                batch -> Arrays.asList(embed.apply(batch)),
                batching,
                listeners.apply(modality));
    }

    @Override
    public EncoderInfo info() {
        return info;
    }

    /** The model itself, for callers that batch on their own (imports); still owned by this encoder. */
    public EmbeddingModel model() {
        return model;
    }

    /** The batcher of a modality, or null when the model lacks it; for queue gauges. */
    public MicroBatcher<?, ?> batcher(Modality modality) {
        return modality == Modality.TEXT ? texts : images;
    }

    @Override
    public List<float[]> embedTexts(List<String> input) {
        if (texts == null) {
            throw new UnsupportedModalityException(info.modelId(), Modality.TEXT);
        }
        // chunks of one batch each: a long label list must not need more than the queue holds
        int chunk = texts.settings().maxBatchSize();
        List<float[]> out = new ArrayList<>(input.size());
        for (int from = 0; from < input.size(); from += chunk) {
            out.addAll(await(texts.submit(input.subList(from, Math.min(input.size(), from + chunk)))));
        }
        return out;
    }

    @Override
    public float[] embedImage(byte[] encoded) {
        if (images == null) {
            throw new UnsupportedModalityException(info.modelId(), Modality.IMAGE);
        }
        // shed load before the expensive part: decoding what could not be queued is wasted work
        images.ensureRoomFor(1);
        float[] pixels;
        decodePermits.acquireUninterruptibly();
        try {
            BufferedImage rgb = decoder.decode(encoded);
            pixels = model.imagePreprocessor().preprocess(rgb);
        } finally {
            decodePermits.release();
        }
        return await(images.submit(List.of(pixels))).getFirst();
    }

    @Override
    public boolean isRunning() {
        return (texts == null || texts.isRunning()) && (images == null || images.isRunning());
    }

    /** Fails queued queries, waits for batches in flight, then frees the model's native sessions. */
    @Override
    public void close() {
        try (model) {
            if (texts != null) {
                texts.close();
            }
            if (images != null) {
                images.close();
            }
        }
    }

    /** Waits for a batcher's future; rethrows what failed the batch as it was thrown. */
    private static List<float[]> await(CompletableFuture<List<float[]>> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new InferenceException("interrupted while waiting for the model", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new InferenceException("inference failed: " + e.getCause(), e.getCause());
        }
    }
}
