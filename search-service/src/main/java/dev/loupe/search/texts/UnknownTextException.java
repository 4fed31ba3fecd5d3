package dev.loupe.search.texts;

/** A text collection holds no record of the id asked for. */
public class UnknownTextException extends RuntimeException {

    public UnknownTextException(String collection, String id) {
        super("text collection '" + collection + "' holds no record '" + id + "'");
    }
}
