package dev.loupe.search.problem;

import dev.loupe.service.problem.ProblemWording;
import jakarta.inject.Singleton;

/** The search service's words in the shared problems: it embeds queries, and serves JSON and thumbnails. */
@Singleton
public class SearchProblemWording implements ProblemWording {

    @Override
    public String busyTitle() {
        return "The search service is busy: retry after a second";
    }

    @Override
    public String shuttingDownTitle() {
        return "The search service is shutting down: retry the request";
    }

    @Override
    public String shuttingDownDetail() {
        return "Nothing was done.";
    }

    @Override
    public String inferenceFailedTitle() {
        return "The model failed to embed the query: retry, and report it if it persists";
    }

    @Override
    public String unsupportedModalityTitle() {
        return "The query model cannot embed this kind of input: see 'modalities' in GET /v1/status";
    }

    @Override
    public String notAcceptableTitle() {
        return "This endpoint answers application/json (thumbnails: image/jpeg) only";
    }

    @Override
    public String unsupportedMediaTypeTitle() {
        return "Unsupported Content-Type: send application/json, or multipart/form-data with an 'image' part";
    }
}
