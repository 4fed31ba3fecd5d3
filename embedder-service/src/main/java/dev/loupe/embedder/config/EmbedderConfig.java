package dev.loupe.embedder.config;

import dev.loupe.encoders.ExecutionProvider;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of the embedder, under {@code loupe.embedder}. Environment variables use the usual
 * mapping ({@code loupe.embedder.models-dir} → {@code LOUPE_EMBEDDER_MODELS_DIR}); Kubernetes
 * ConfigMaps use the same keys.
 */
@ConfigMapping(prefix = "loupe.embedder")
public interface EmbedderConfig {

    /**
     * Directory whose subdirectories are model bundles; each subdirectory's name is its model id.
     * Relative paths resolve against the working directory. Default: {@code models}.
     */
    @WithDefault("models")
    Path modelsDir();

    /**
     * Id of the model used when a request names none; readiness waits for it. Default: the only
     * bundle when there is exactly one (with several, it must be set).
     */
    Optional<String> defaultModel();

    /** How ONNX Runtime runs the models. */
    OnnxRuntime runtime();

    /** How concurrent requests are coalesced into batches. */
    Batching batching();

    /** Per-request limits. The total request size is {@code quarkus.http.limits.max-body-size}. */
    Limits limits();

    /** ONNX Runtime session settings, applied to every model. */
    interface OnnxRuntime {

        /**
         * Execution provider: {@code cpu} or {@code cuda}; CUDA falls back to CPU with a warning when
         * the runtime or the device lacks it. Default: {@code cpu}.
         */
        @WithDefault("cpu")
        ExecutionProvider provider();

        /** Threads inside one operator; 0 lets ONNX Runtime use one per core. Default: 0. */
        @WithDefault("0")
        int intraOpThreads();

        /** Threads across independent operators; 0 lets ONNX Runtime choose. Default: 0. */
        @WithDefault("0")
        int interOpThreads();

        /** GPU ordinal used when the provider is {@code cuda}. Default: 0. */
        @WithDefault("0")
        int cudaDeviceId();
    }

    /** Micro-batching of inference calls, per model and modality. */
    interface Batching {

        /** Most items (images or texts) in one inference call. Default: 32. */
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
         * Most items waiting for inference per model and modality; requests beyond it are refused with
         * 503 and {@code Retry-After}. Must be at least {@code max-batch-size} and {@code
         * limits.max-items-per-request}. Each queued image holds its preprocessed pixels (about 600 KB at
         * 224×224). Default: 256.
         */
        @WithDefault("256")
        int queueCapacity();

        /**
         * Threads running batches per model and modality; 1 keeps one ONNX Runtime session busy without
         * oversubscribing its thread pool (raise it for GPUs). Default: 1.
         */
        @WithDefault("1")
        int workers();
    }

    /** Limits that protect the service from oversized input. */
    interface Limits {

        /** Most images (multipart {@code file} parts) or texts in one request. Default: 64. */
        @WithDefault("64")
        int maxItemsPerRequest();

        /** Longest text accepted, in characters (code points). Default: 2048. */
        @WithDefault("2048")
        int maxTextChars();

        /** Largest encoded image accepted, per image. Default: 20M. */
        @WithDefault("20M")
        MemorySize maxImageBytes();

        /**
         * Largest width × height accepted, read from the image header before decoding (refuses
         * decompression bombs). Default: 50000000.
         */
        @WithDefault("50000000")
        long maxImagePixels();

        /**
         * Images decoded and preprocessed at the same time across all requests; bounds the memory
         * held by decoded pixels. 0 means one per available processor. Default: 0.
         */
        @WithDefault("0")
        int maxConcurrentDecodes();
    }
}
