package dev.loupe.encoders;

import java.util.Set;

/**
 * What a loaded model is and does.
 *
 * @param id the model id (the bundle's directory name)
 * @param modalities what it embeds
 * @param dimensions length of every embedding it returns
 * @param maxTokens the longest text in tokens (including special tokens); longer text is truncated
 * @param imageSize side of the square image input in pixels, 0 for text-only models
 * @param executionProvider where the model actually runs (after any fallback)
 * @param queryPrompt what retrieval puts before a query (BGE's instruction, from {@code
 *     config_sentence_transformers.json}); empty when the model needs none
 */
public record ModelInfo(
        String id,
        Set<Modality> modalities,
        int dimensions,
        int maxTokens,
        int imageSize,
        ExecutionProvider executionProvider,
        String queryPrompt) {

    public ModelInfo {
        modalities = Set.copyOf(modalities);
        queryPrompt = queryPrompt == null ? "" : queryPrompt;
    }

    /** A model that needs no query prompt (CLIP, MiniLM). */
    public ModelInfo(
            String id,
            Set<Modality> modalities,
            int dimensions,
            int maxTokens,
            int imageSize,
            ExecutionProvider executionProvider) {
        this(id, modalities, dimensions, maxTokens, imageSize, executionProvider, "");
    }

    public boolean supports(Modality modality) {
        return modalities.contains(modality);
    }
}
