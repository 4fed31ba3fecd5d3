package dev.loupe.encoders;

/** Where ONNX Runtime executes a model. */
public enum ExecutionProvider {
    CPU,
    CUDA
}
