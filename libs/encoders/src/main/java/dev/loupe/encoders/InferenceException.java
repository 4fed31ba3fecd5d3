package dev.loupe.encoders;

/** ONNX Runtime failed while running a model on valid input: a server-side fault, not a bad request. */
public class InferenceException extends RuntimeException {

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
