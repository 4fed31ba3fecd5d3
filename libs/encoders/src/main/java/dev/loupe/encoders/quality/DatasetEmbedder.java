package dev.loupe.encoders.quality;

import dev.loupe.encoders.EmbeddingModel;
import dev.loupe.encoders.Modality;
import dev.loupe.encoders.UnsupportedModalityException;
import dev.loupe.encoders.image.ImageDecoder;
import dev.loupe.encoders.image.ImagePreprocessor;
import dev.loupe.encoders.image.InvalidImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Embeds a dataset's texts and image files in batches. Images are read, decoded and preprocessed on
 * a pool of threads, one batch ahead of the model, so at most two batches of pixels exist at once.
 * Shared by this package's evaluations and the classifier's session harness.
 */
public final class DatasetEmbedder {

    private final EmbeddingModel model;
    private final EvaluationOptions options;
    private final ImageDecoder decoder;

    /** @throws UnsupportedModalityException when the model cannot embed both texts and images */
    public DatasetEmbedder(EmbeddingModel model, EvaluationOptions options) {
        for (Modality modality : Modality.values()) {
            if (!model.info().supports(modality)) {
                throw new UnsupportedModalityException(model.info().id(), modality);
            }
        }
        this.model = model;
        this.options = options;
        this.decoder = new ImageDecoder(options.limits());
    }

    /** One L2-normalised embedding per text, in order. */
    public float[][] embedTexts(List<String> texts, String stage, Progress progress) {
        float[][] out = new float[texts.size()][];
        for (int start = 0; start < texts.size(); start += options.batchSize()) {
            int end = Math.min(texts.size(), start + options.batchSize());
            float[][] batch = model.embedTexts(texts.subList(start, end));
            System.arraycopy(batch, 0, out, start, batch.length);
            progress.update(stage, end, texts.size());
        }
        return out;
    }

    /**
     * One L2-normalised embedding per file, in order; {@code null} for a file that could not be read
     * or decoded, which is added to {@code skipped} with the reason.
     *
     * @param files paths relative to {@code imagesDir}
     * @throws DatasetException when not one of the files could be decoded
     */
    public float[][] embedImages(
            Path imagesDir, List<String> files, String stage, Progress progress, List<SkippedImage> skipped) {
        ImagePreprocessor preprocessor = model.imagePreprocessor();
        float[][] out = new float[files.size()][];
        int skippedBefore = skipped.size();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), new DaemonThreads());
        try {
            List<Future<Prepared>> next = submit(pool, preprocessor, imagesDir, files, 0);
            for (int start = 0; start < files.size(); start += options.batchSize()) {
                List<Future<Prepared>> current = next;
                next = submit(pool, preprocessor, imagesDir, files, start + options.batchSize());
                List<float[]> pixels = new ArrayList<>(current.size());
                List<Integer> positions = new ArrayList<>(current.size());
                for (int i = 0; i < current.size(); i++) {
                    Prepared prepared = await(current.get(i));
                    if (prepared.pixels() == null) {
                        skipped.add(new SkippedImage(files.get(start + i), prepared.failure()));
                    } else {
                        pixels.add(prepared.pixels());
                        positions.add(start + i);
                    }
                }
                if (!pixels.isEmpty()) {
                    float[][] embeddings = model.embedImages(pixels);
                    for (int i = 0; i < embeddings.length; i++) {
                        out[positions.get(i)] = embeddings[i];
                    }
                }
                progress.update(stage, start + current.size(), files.size());
            }
        } finally {
            pool.shutdownNow();
        }
        if (!files.isEmpty() && skipped.size() - skippedBefore == files.size()) {
            throw new DatasetException("none of the " + files.size() + " images in " + imagesDir
                    + " could be decoded; the first failed because "
                    + skipped.get(skippedBefore).reason());
        }
        return out;
    }

    /** A decoded, preprocessed image, or why there is none. */
    private record Prepared(float[] pixels, String failure) {}

    private List<Future<Prepared>> submit(
            ExecutorService pool, ImagePreprocessor preprocessor, Path imagesDir, List<String> files, int start) {
        List<Future<Prepared>> batch = new ArrayList<>();
        for (int i = start; i < Math.min(files.size(), start + options.batchSize()); i++) {
            Path file = imagesDir.resolve(files.get(i));
            batch.add(pool.submit(() -> prepare(preprocessor, file)));
        }
        return batch;
    }

    private Prepared prepare(ImagePreprocessor preprocessor, Path file) {
        try {
            long size = Files.size(file);
            if (size > options.limits().maxBytes()) {
                // refused before reading, so a huge file never enters the heap
                return new Prepared(
                        null,
                        "the file is " + size + " bytes; the limit is "
                                + options.limits().maxBytes());
            }
            return new Prepared(preprocessor.preprocess(decoder.decode(Files.readAllBytes(file))), null);
        } catch (InvalidImageException e) {
            return new Prepared(null, e.getMessage());
        } catch (IOException e) {
            return new Prepared(null, "cannot read the file: " + e);
        }
    }

    private static Prepared await(Future<Prepared> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing images", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("preparing an image failed", e.getCause());
        }
    }

    /** Names the pool's threads and lets the JVM exit if an evaluation is abandoned. */
    private static final class DaemonThreads implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "quality-images-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
