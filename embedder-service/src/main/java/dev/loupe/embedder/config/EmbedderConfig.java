package dev.loupe.embedder.config;

import dev.loupe.service.config.BatchingConfig;
import dev.loupe.service.config.OnnxRuntimeConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
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

    /** How ONNX Runtime runs the models: session settings applied to every model. */
    OnnxRuntimeConfig runtime();

    /**
     * How concurrent requests are coalesced into batches, per model and modality. {@code
     * queue-capacity} must be at least {@code max-batch-size} and {@code limits.max-items-per-request};
     * each queued image holds its preprocessed pixels (about 600 KB at 224×224).
     */
    BatchingConfig batching();

    /** Per-request limits. The total request size is {@code quarkus.http.limits.max-body-size}. */
    Limits limits();

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
