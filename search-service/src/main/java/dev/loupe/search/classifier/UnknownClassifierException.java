package dev.loupe.search.classifier;

/** No classifier session has the requested id (never created, or deleted). */
public class UnknownClassifierException extends RuntimeException {

    private final String id;

    public UnknownClassifierException(String id) {
        super("no classifier session with id '" + id + "'");
        this.id = id;
    }

    public String id() {
        return id;
    }
}
