package dev.loupe.search.encoder;

import dev.loupe.encoders.InferenceException;
import dev.loupe.encoders.UnsupportedModalityException;
import dev.loupe.encoders.batch.BatchQueueFullException;
import dev.loupe.encoders.image.InvalidImageException;
import java.util.List;

/**
 * Turns query texts and images into vectors of the space the photos are indexed in. The seam between
 * the search features and where the model runs: in process in the standalone profile ({@link
 * LocalQueryEncoder}), the embedder service over REST in the distributed one. Thread-safe; calls
 * block until the vectors are ready, so call from worker or virtual threads.
 */
public interface QueryEncoder {

    /** The model behind this encoder. */
    EncoderInfo info();

    /** The model if this encoder knows it without asking anyone (a remote encoder may not yet). */
    default java.util.Optional<EncoderInfo> knownInfo() {
        return java.util.Optional.of(info());
    }

    /**
     * Embeds texts.
     *
     * @param texts any number of non-null texts (large lists are split into batches)
     * @return one L2-normalised vector of {@link EncoderInfo#dimensions()} floats per text, in order
     * @throws UnsupportedModalityException when the model has no text tower
     * @throws BatchQueueFullException when the encoder is overloaded
     * @throws InferenceException when the model fails
     */
    List<float[]> embedTexts(List<String> texts);

    /** Embeds one text; see {@link #embedTexts}. */
    default float[] embedText(String text) {
        return embedTexts(List.of(text)).getFirst();
    }

    /**
     * Embeds one encoded image (JPEG, PNG, GIF, BMP, WebP).
     *
     * @return an L2-normalised vector of {@link EncoderInfo#dimensions()} floats
     * @throws InvalidImageException when the bytes are empty, too large, not an image, or corrupt
     * @throws UnsupportedModalityException when the model has no image tower
     * @throws BatchQueueFullException when the encoder is overloaded
     * @throws InferenceException when the model fails
     */
    float[] embedImage(byte[] encoded);

    /** Whether the encoder still serves (its batch workers are alive). */
    boolean isRunning();
}
