package dev.loupe.embedder.service;

import dev.loupe.embedder.config.EmbedderConfig;
import dev.loupe.embedder.metrics.EmbedderMetrics;
import dev.loupe.embedder.model.ModelRegistry;
import dev.loupe.embedder.model.ModelUnavailableException;
import dev.loupe.embedder.model.ServedModel;
import dev.loupe.embedder.model.UnknownModelException;
import dev.loupe.encoders.InferenceException;
import dev.loupe.encoders.Modality;
import dev.loupe.encoders.UnsupportedModalityException;
import dev.loupe.encoders.batch.BatchQueueFullException;
import dev.loupe.encoders.batch.MicroBatcher;
import dev.loupe.encoders.image.InvalidImageException;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Embeds texts and images: validates the request against the limits, decodes and preprocesses
 * images on the caller's thread (so decoding runs in parallel across requests), and hands the model
 * input to the model's micro-batcher, which shares inference calls between concurrent requests.
 * Callers block until their vectors are ready; call from worker or virtual threads.
 */
@ApplicationScoped
public class EmbeddingService {

    private final ModelRegistry models;
    private final EmbedderMetrics metrics;
    private final EmbedderConfig.Limits limits;
    /** Bounds the decoded pixels held at once across requests (a 50 MP image is 200 MB decoded). */
    private final Semaphore decodePermits;

    EmbeddingService(ModelRegistry models, EmbedderMetrics metrics, EmbedderConfig config) {
        this.models = models;
        this.metrics = metrics;
        this.limits = config.limits();
        int permits = limits.maxConcurrentDecodes() > 0
                ? limits.maxConcurrentDecodes()
                : Runtime.getRuntime().availableProcessors();
        this.decodePermits = new Semaphore(permits, true);
    }

    /**
     * Embeds {@code texts} with one model.
     *
     * @param modelId a model id, or null for the default model
     * @param texts 1..max-items-per-request texts of at most max-text-chars characters each
     * @return one vector per text, in order
     * @throws UnknownModelException when no model has that id
     * @throws ModelUnavailableException when the model is still loading or failed to load
     * @throws InvalidInputException when the texts break a limit
     * @throws UnsupportedModalityException when the model does not embed text
     * @throws BatchQueueFullException when the model's queue is full
     */
    public Embeddings embedTexts(String modelId, List<String> texts) {
        long started = System.nanoTime();
        ServedModel model = models.resolve(modelId);
        MicroBatcher<String, float[]> batcher = model.textBatcher();
        if (texts == null || texts.isEmpty()) {
            throw InvalidInputException.emptyInput();
        }
        requireAtMost("texts", texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null) {
                throw InvalidInputException.missingText(i);
            }
            // code points never outnumber chars, so the cheap length() settles most texts
            if (text.length() > limits.maxTextChars()) {
                int codePoints = text.codePointCount(0, text.length());
                if (codePoints > limits.maxTextChars()) {
                    throw InvalidInputException.textTooLong(i, codePoints, limits.maxTextChars());
                }
            }
        }
        List<float[]> vectors = await(batcher.submit(texts));
        metrics.requestCompleted(model.id(), Modality.TEXT, started);
        return new Embeddings(model.id(), model.info().dimensions(), vectors);
    }

    /**
     * Embeds uploaded images with one model.
     *
     * @param modelId a model id, or null for the default model
     * @param images 1..max-items-per-request uploads
     * @return one vector per image, in order
     * @throws UnknownModelException when no model has that id
     * @throws ModelUnavailableException when the model is still loading or failed to load
     * @throws InvalidInputException when there is no image or too many
     * @throws ImageRejectedException naming the first image that is empty, too large, not an image,
     *     or corrupt
     * @throws UnsupportedModalityException when the model does not embed images
     * @throws BatchQueueFullException when the model's queue is full (checked before decoding too)
     */
    public Embeddings embedImages(String modelId, List<ImageInput> images) {
        long started = System.nanoTime();
        ServedModel model = models.resolve(modelId);
        MicroBatcher<float[], float[]> batcher = model.imageBatcher();
        if (images == null || images.isEmpty()) {
            throw InvalidInputException.missingFile();
        }
        requireAtMost("images", images.size());
        // Shed load before the expensive part: decoding what could not be queued is wasted work.
        batcher.ensureRoomFor(images.size());
        List<float[]> pixels = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            pixels.add(prepare(model, i, images.get(i)));
        }
        List<float[]> vectors = await(batcher.submit(pixels));
        metrics.requestCompleted(model.id(), Modality.IMAGE, started);
        return new Embeddings(model.id(), model.info().dimensions(), vectors);
    }

    private void requireAtMost(String what, int count) {
        if (count > limits.maxItemsPerRequest()) {
            throw InvalidInputException.tooManyItems(what, count, limits.maxItemsPerRequest());
        }
    }

    /** Reads, decodes and preprocesses one upload into the model's input tensor. */
    private float[] prepare(ServedModel model, int index, ImageInput image) {
        long maxBytes = model.decoder().limits().maxBytes();
        if (image.size() > maxBytes) {
            // refused from the part's size, without reading it
            throw new ImageRejectedException(
                    index,
                    image.fileName(),
                    new InvalidImageException(
                            InvalidImageException.Reason.TOO_MANY_BYTES,
                            image.size() + " bytes, more than the limit of " + maxBytes));
        }
        byte[] encoded = read(image, index);
        decodePermits.acquireUninterruptibly();
        try {
            BufferedImage rgb = model.decoder().decode(encoded);
            return model.preprocessor().preprocess(rgb);
        } catch (InvalidImageException e) {
            throw new ImageRejectedException(index, image.fileName(), e);
        } finally {
            decodePermits.release();
        }
    }

    private static byte[] read(ImageInput image, int index) {
        try {
            return Files.readAllBytes(image.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload of image " + index + " from " + image.file(), e);
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
