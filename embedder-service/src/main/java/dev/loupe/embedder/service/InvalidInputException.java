package dev.loupe.embedder.service;

/**
 * A request's input breaks a rule the client can fix: nothing to embed, too many items, a text too
 * long. The title says what to change; {@link #index()} names the offending item when there is one.
 */
public class InvalidInputException extends RuntimeException {

    /** Why the input was refused, for clients that branch on it. */
    public enum Reason {
        EMPTY_INPUT,
        MISSING_FILE,
        TOO_MANY_ITEMS,
        MISSING_TEXT,
        TEXT_TOO_LONG
    }

    private final Reason reason;
    private final String title;
    private final Integer index;

    private InvalidInputException(Reason reason, String title, String detail, Integer index) {
        super(detail);
        this.reason = reason;
        this.title = title;
        this.index = index;
    }

    static InvalidInputException emptyInput() {
        return new InvalidInputException(
                Reason.EMPTY_INPUT,
                "Nothing to embed: 'input' is empty",
                "Send at least one text, e.g. {\"input\": [\"a house by the lake\"]}.",
                null);
    }

    static InvalidInputException missingFile() {
        return new InvalidInputException(
                Reason.MISSING_FILE,
                "Nothing to embed: no multipart part named 'file'",
                "Send each image as a multipart/form-data part named 'file' with a filename,"
                        + " e.g. curl -F file=@photo.jpg.",
                null);
    }

    static InvalidInputException tooManyItems(String what, int count, int limit) {
        return new InvalidInputException(
                Reason.TOO_MANY_ITEMS,
                "Too many " + what + ": " + count + " in one request, at most " + limit,
                "Split the request into requests of at most " + limit + " " + what
                        + " (loupe.embedder.limits.max-items-per-request).",
                null);
    }

    static InvalidInputException missingText(int index) {
        return new InvalidInputException(
                Reason.MISSING_TEXT,
                "Text " + index + " is null",
                "Every element of 'input' must be a string; text " + index + " is null.",
                index);
    }

    static InvalidInputException textTooLong(int index, int length, int limit) {
        return new InvalidInputException(
                Reason.TEXT_TOO_LONG,
                "Text " + index + " is too long: " + length + " characters, at most " + limit,
                "Shorten text " + index + " to at most " + limit
                        + " characters (loupe.embedder.limits.max-text-chars); the model reads only its first"
                        + " tokens anyway.",
                index);
    }

    public Reason reason() {
        return reason;
    }

    /** A short sentence a person can act on. */
    public String title() {
        return title;
    }

    /** The zero-based index of the offending item, or null when the request as a whole is at fault. */
    public Integer index() {
        return index;
    }
}
