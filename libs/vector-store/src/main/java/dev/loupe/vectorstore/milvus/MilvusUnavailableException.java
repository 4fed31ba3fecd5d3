package dev.loupe.vectorstore.milvus;

/** The Milvus server could not be reached or did not answer in time; retrying later may succeed. */
public class MilvusUnavailableException extends RuntimeException {

    public MilvusUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
