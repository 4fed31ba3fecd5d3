package dev.loupe.encoders;

/** A model bundle is missing a file or does not have the inputs, outputs or dimensions Loupe needs. */
public class ModelBundleException extends RuntimeException {

    public ModelBundleException(String message) {
        super(message);
    }

    public ModelBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
