package dev.loupe.vectorstore;

/** The named collection does not exist. */
public class UnknownCollectionException extends RuntimeException {

    public UnknownCollectionException(String collection) {
        super("collection '" + collection + "' does not exist");
    }
}
