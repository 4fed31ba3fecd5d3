package dev.loupe.encoders.quality;

import dev.loupe.encoders.image.ImageLimits;

/**
 * How the evaluations run.
 *
 * @param batchSize images or texts per model call, 1 to {@value #MAX_BATCH_SIZE}; two image batches
 *     of preprocessed pixels are held at once (about 0.6 MB per image at 224×224)
 * @param threads threads that read, decode and preprocess images, at least 1
 * @param limits the limits every image file is decoded under
 */
public record EvaluationOptions(int batchSize, int threads, ImageLimits limits) {

    /** Keeps the pixels in flight under about 1.2 GB at 224×224. */
    public static final int MAX_BATCH_SIZE = 1024;

    public static final int DEFAULT_BATCH_SIZE = 32; // the batch CLIP's own evaluation code uses

    public EvaluationOptions {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException(
                    "batch size must be between 1 and " + MAX_BATCH_SIZE + ", got " + batchSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits must not be null");
        }
    }

    /** {@link #DEFAULT_BATCH_SIZE}, one thread per available core, {@link ImageLimits#DEFAULT}. */
    public static EvaluationOptions defaults() {
        return new EvaluationOptions(
                DEFAULT_BATCH_SIZE, Runtime.getRuntime().availableProcessors(), ImageLimits.DEFAULT);
    }
}
