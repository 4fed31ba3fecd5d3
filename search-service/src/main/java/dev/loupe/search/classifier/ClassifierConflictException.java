package dev.loupe.search.classifier;

/**
 * A classifier request is well formed but the session's state (or this deployment) does not allow it:
 * answered with 409 and a machine-readable {@link Reason}.
 */
public class ClassifierConflictException extends RuntimeException {

    /** Why the request conflicts. */
    public enum Reason {
        /** Training a session without labelled photos (left in the collection). */
        NO_LABELS,
        /** Labelling beyond {@code loupe.classifiers.max-labels}. */
        TOO_MANY_LABELS,
        /** Creating a session beyond {@code loupe.classifiers.max-sessions}. */
        TOO_MANY_SESSIONS,
        /** Another request changed the session's classifier meanwhile. */
        CONCURRENT_UPDATE,
        /** An imported classifier was made with another model. */
        OTHER_MODEL,
        /** A classifier's dimension differs from the model's or the collection's. */
        OTHER_DIMENSION
    }

    private final Reason reason;
    private final String title;

    /**
     * @param title what went wrong and what to do, for a person
     * @param detail more about it
     */
    public ClassifierConflictException(Reason reason, String title, String detail) {
        super(detail);
        this.reason = reason;
        this.title = title;
    }

    public Reason reason() {
        return reason;
    }

    public String title() {
        return title;
    }
}
