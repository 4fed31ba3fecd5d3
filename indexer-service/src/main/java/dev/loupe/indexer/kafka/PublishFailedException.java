package dev.loupe.indexer.kafka;

/** Kafka did not acknowledge every event of a publish in time; some may have been written (retry is safe). */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
