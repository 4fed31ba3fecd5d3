package dev.loupe.service.config;

import dev.loupe.encoders.ExecutionProvider;
import dev.loupe.encoders.RuntimeOptions;
import io.smallrye.config.WithDefault;

/**
 * ONNX Runtime session settings: a group of each model-running service's {@code @ConfigMapping}
 * ({@code <prefix>.runtime.*}).
 */
public interface OnnxRuntimeConfig {

    /**
     * Execution provider: {@code cpu} or {@code cuda}; CUDA falls back to CPU with a warning when the
     * runtime or the device lacks it. Default: {@code cpu}.
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

    /** These settings as the encoders' session options. */
    default RuntimeOptions options() {
        return new RuntimeOptions(provider(), intraOpThreads(), interOpThreads(), cudaDeviceId());
    }
}
