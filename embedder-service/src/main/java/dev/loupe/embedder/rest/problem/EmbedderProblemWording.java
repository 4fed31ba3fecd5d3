package dev.loupe.embedder.rest.problem;

import dev.loupe.service.problem.ProblemWording;
import jakarta.inject.Singleton;

/** The embedder's words in the shared problems: its endpoints, its models and its settings. */
@Singleton
public class EmbedderProblemWording implements ProblemWording {

    @Override
    public String busyTitle() {
        return "The embedder is busy: retry after a second, or send fewer items per request";
    }

    @Override
    public String queueCapacitySetting() {
        return "loupe.embedder.batching.queue-capacity";
    }

    @Override
    public String shuttingDownTitle() {
        return "The embedder is shutting down: retry the request";
    }

    @Override
    public String inferenceFailedTitle() {
        return "The model failed to embed this request: retry, and report it if it persists";
    }

    @Override
    public String inferenceFailedDetail() {
        return "The embedder logged the cause. Other requests are not affected.";
    }

    @Override
    public String unsupportedModalityTitle() {
        return "This model cannot embed this kind of input: pick a model whose 'modalities' in GET /v1/models"
                + " include it";
    }

    @Override
    public String unsupportedMediaTypeTitle() {
        return "Unsupported Content-Type: send multipart/form-data to /v1/embeddings/images and"
                + " application/json to /v1/embeddings/text";
    }
}
