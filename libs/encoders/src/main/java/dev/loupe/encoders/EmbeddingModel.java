package dev.loupe.encoders;

import dev.loupe.encoders.image.ImagePreprocessor;
import java.util.List;

/**
 * A loaded embedding model: CLIP (text and image towers) or a text-only model. Thread-safe: calls
 * may come from many threads at once. {@link #close()} frees the native sessions; calls after it
 * fail.
 */
public interface EmbeddingModel extends AutoCloseable {

    ModelInfo info();

    /**
     * Embeds texts as one batch, padded to the longest text in the batch and truncated at {@link
     * ModelInfo#maxTokens()}.
     *
     * @return one L2-normalised vector of {@link ModelInfo#dimensions()} floats per text, in order
     * @throws UnsupportedModalityException if the model has no text tower
     */
    float[][] embedTexts(List<String> texts);

    /**
     * Embeds search queries: {@link #embedTexts} of each query behind the model's {@link
     * ModelInfo#queryPrompt()} (BGE's retrieval instruction), so that queries and the documents they
     * look for land where the model was trained to put them.
     */
    default float[][] embedQueries(List<String> queries) {
        String prompt = info().queryPrompt();
        return embedTexts(
                prompt.isEmpty()
                        ? queries
                        : queries.stream().map(q -> prompt + q).toList());
    }

    /**
     * Embeds preprocessed images as one batch.
     *
     * @param pixels one CHW tensor per image, each of {@code 3 * imageSize * imageSize} floats, as
     *     produced by {@link #imagePreprocessor()}
     * @return one L2-normalised vector per image, in order
     * @throws UnsupportedModalityException if the model has no image tower
     */
    float[][] embedImages(List<float[]> pixels);

    /**
     * The preprocessing this model's image tower expects.
     *
     * @throws UnsupportedModalityException if the model has no image tower
     */
    ImagePreprocessor imagePreprocessor();

    @Override
    void close();
}
