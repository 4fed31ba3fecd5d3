package dev.loupe.service.problem;

/**
 * The words of the shared exception mappers that depend on the service: who is busy, what its API
 * accepts, which setting to raise. A service that wants its own declares one {@code @Singleton} bean
 * implementing this interface and overrides what it must; otherwise {@link DefaultProblemWording}'s
 * generic words apply.
 */
public interface ProblemWording {

    /** Title of the 503 {@code overloaded} problem, when the model's batch queue is full. */
    default String busyTitle() {
        return "The service is busy: retry after a second";
    }

    /** The setting that bounds the batch queue, named in the {@code overloaded} problem's detail. */
    default String queueCapacitySetting() {
        return "loupe.batching.queue-capacity";
    }

    /** Title of the 503 {@code shutting-down} problem. */
    default String shuttingDownTitle() {
        return "The service is shutting down: retry the request";
    }

    /** Detail of the 503 {@code shutting-down} problem. */
    default String shuttingDownDetail() {
        return "The request was not processed.";
    }

    /** Title of the 500 {@code inference-failed} problem. */
    default String inferenceFailedTitle() {
        return "The model failed on this request: retry, and report it if it persists";
    }

    /** Detail of the 500 {@code inference-failed} problem. */
    default String inferenceFailedDetail() {
        return "The service logged the cause. Other requests are not affected.";
    }

    /** Title of the 422 {@code unsupported-modality} problem: where to find a model that fits. */
    default String unsupportedModalityTitle() {
        return "The model cannot embed this kind of input";
    }

    /** Title of the HTTP layer's 406: what the endpoints answer. */
    default String notAcceptableTitle() {
        return "This endpoint answers application/json only";
    }

    /** Title of the HTTP layer's 415: what the endpoints accept. */
    default String unsupportedMediaTypeTitle() {
        return "Unsupported Content-Type: send application/json";
    }
}
