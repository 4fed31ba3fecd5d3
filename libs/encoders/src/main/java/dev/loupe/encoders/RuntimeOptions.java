package dev.loupe.encoders;

/**
 * How ONNX Runtime sessions are created.
 *
 * @param provider the requested execution provider; CUDA falls back to CPU (with a log line) when
 *     the CUDA provider is not present
 * @param intraOpThreads threads inside one operator; 0 lets ONNX Runtime choose (one per core)
 * @param interOpThreads threads across independent operators; 0 lets ONNX Runtime choose
 * @param cudaDeviceId the GPU ordinal used when {@code provider} is CUDA
 */
public record RuntimeOptions(ExecutionProvider provider, int intraOpThreads, int interOpThreads, int cudaDeviceId) {

    public RuntimeOptions {
        if (provider == null) {
            throw new IllegalArgumentException("provider must not be null");
        }
        if (intraOpThreads < 0 || interOpThreads < 0 || cudaDeviceId < 0) {
            throw new IllegalArgumentException("thread counts and device id must be >= 0");
        }
    }

    /** CPU execution with ONNX Runtime's default thread counts. */
    public static RuntimeOptions cpu() {
        return new RuntimeOptions(ExecutionProvider.CPU, 0, 0, 0);
    }
}
