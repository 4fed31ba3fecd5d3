package dev.loupe.encoders.quality;

/** A dataset folder lacks a file, or a file has a row the harness cannot use; the message names the file and line. */
public class DatasetException extends RuntimeException {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
