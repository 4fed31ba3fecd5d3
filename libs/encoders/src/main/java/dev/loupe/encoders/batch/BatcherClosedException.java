package dev.loupe.encoders.batch;

/** The batcher was closed (the service is shutting down) before the request could run. */
public class BatcherClosedException extends IllegalStateException {

    public BatcherClosedException(String batcher) {
        super("batcher '" + batcher + "' is closed");
    }
}
