package dev.loupe.ingest;

/** A {@code photo-ingested} event is malformed; {@link #field()} names the part at fault. */
public class InvalidEventException extends RuntimeException {

    private final String field;

    /**
     * @param field the JSON path of the fault ({@code "imageUrl"}, {@code "metadata.tags[2]"}), or
     *     {@code "$"} for the event as a whole
     */
    public InvalidEventException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
