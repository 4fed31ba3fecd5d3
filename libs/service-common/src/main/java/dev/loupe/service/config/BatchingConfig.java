package dev.loupe.service.config;

import dev.loupe.encoders.batch.BatchSettings;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Micro-batching of inference calls: a group of each model-running service's {@code @ConfigMapping}
 * ({@code <prefix>.batching.*}). A service whose traffic wants other defaults extends it and
 * redeclares those methods with its own {@code @WithDefault}.
 */
public interface BatchingConfig {

    /** Most items (texts or images) in one inference call. Default: 32. */
    @WithDefault("32")
    int maxBatchSize();

    /**
     * How long the oldest waiting item may wait for others to fill its batch; 0 runs whatever is
     * queued at once. Only matters when the model is idle: while a batch runs, the next one fills
     * anyway. Default: 5ms.
     */
    @WithDefault("5ms")
    Duration maxWait();

    /**
     * Most items waiting for inference per batcher; requests beyond it are refused with 503 and
     * {@code Retry-After}. At least {@code max-batch-size}. Default: 256.
     */
    @WithDefault("256")
    int queueCapacity();

    /**
     * Threads running batches per batcher; 1 keeps one ONNX Runtime session busy without
     * oversubscribing its thread pool (raise it for GPUs). Default: 1.
     */
    @WithDefault("1")
    int workers();

    /** These settings as the encoders' batcher settings. */
    default BatchSettings settings() {
        return new BatchSettings(maxBatchSize(), maxWait(), queueCapacity(), workers());
    }
}
