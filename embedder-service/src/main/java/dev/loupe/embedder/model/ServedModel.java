package dev.loupe.embedder.model;

import dev.loupe.embedder.metrics.EmbedderMetrics;
import dev.loupe.encoders.EmbeddingModel;
import dev.loupe.encoders.Modality;
import dev.loupe.encoders.ModelInfo;
import dev.loupe.encoders.UnsupportedModalityException;
import dev.loupe.encoders.batch.BatchSettings;
import dev.loupe.encoders.batch.MicroBatcher;
import dev.loupe.encoders.image.ImageDecoder;
import dev.loupe.encoders.image.ImageLimits;
import dev.loupe.encoders.image.ImagePreprocessor;
import java.util.Arrays;

/**
 * A loaded model being served: the model, one micro-batcher per modality it embeds (so that
 * concurrent requests share inference calls), and the decoder for its image input. Thread-safe.
 */
public final class ServedModel implements AutoCloseable {

    private final EmbeddingModel model;
    private final boolean isDefault;
    private final MicroBatcher<String, float[]> texts; // null without a text tower
    private final MicroBatcher<float[], float[]> images; // null without an image tower
    private final ImageDecoder decoder;

    private ServedModel(
            EmbeddingModel model,
            boolean isDefault,
            MicroBatcher<String, float[]> texts,
            MicroBatcher<float[], float[]> images,
            ImageDecoder decoder) {
        this.model = model;
        this.isDefault = isDefault;
        this.texts = texts;
        this.images = images;
        this.decoder = decoder;
    }

    /** Starts the batchers of {@code model}; the served model owns it from now on. */
    static ServedModel start(
            EmbeddingModel model,
            boolean isDefault,
            BatchSettings batching,
            ImageLimits limits,
            EmbedderMetrics metrics) {
        ModelInfo info = model.info();
        MicroBatcher<String, float[]> texts = null;
        MicroBatcher<float[], float[]> images = null;
        if (info.supports(Modality.TEXT)) {
            texts = MicroBatcher.start(
                    info.id() + "/text",
                    batch -> Arrays.asList(model.embedTexts(batch)),
                    batching,
                    metrics.batchListener(info.id(), Modality.TEXT, batching.maxBatchSize()));
            metrics.watchQueue(info.id(), Modality.TEXT, texts);
        }
        if (info.supports(Modality.IMAGE)) {
            images = MicroBatcher.start(
                    info.id() + "/image",
                    batch -> Arrays.asList(model.embedImages(batch)),
                    batching,
                    metrics.batchListener(info.id(), Modality.IMAGE, batching.maxBatchSize()));
            metrics.watchQueue(info.id(), Modality.IMAGE, images);
        }
        return new ServedModel(model, isDefault, texts, images, new ImageDecoder(limits));
    }

    public ModelInfo info() {
        return model.info();
    }

    public String id() {
        return model.info().id();
    }

    /** Whether requests that name no model get this one. */
    public boolean isDefault() {
        return isDefault;
    }

    /** @throws UnsupportedModalityException when the model has no text tower */
    public MicroBatcher<String, float[]> textBatcher() {
        if (texts == null) {
            throw new UnsupportedModalityException(id(), Modality.TEXT);
        }
        return texts;
    }

    /** @throws UnsupportedModalityException when the model has no image tower */
    public MicroBatcher<float[], float[]> imageBatcher() {
        if (images == null) {
            throw new UnsupportedModalityException(id(), Modality.IMAGE);
        }
        return images;
    }

    /** Decodes uploads within the configured byte and pixel limits. */
    public ImageDecoder decoder() {
        return decoder;
    }

    /** @throws UnsupportedModalityException when the model has no image tower */
    public ImagePreprocessor preprocessor() {
        return model.imagePreprocessor();
    }

    /** Whether every batcher still accepts work and has live workers. */
    public boolean isRunning() {
        return (texts == null || texts.isRunning()) && (images == null || images.isRunning());
    }

    /** Fails queued requests, waits for batches in flight, then frees the model's native sessions. */
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
}
