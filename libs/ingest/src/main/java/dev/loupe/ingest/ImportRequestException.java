package dev.loupe.ingest;

/** An import request breaks a rule the client can fix (unknown type, missing path, too many URLs). */
public class ImportRequestException extends RuntimeException {

    private final String field;
    private final String why;

    /**
     * @param field the request field at fault ({@code source.path}, {@code source.urls[3]})
     * @param why what is wrong with it, for a person
     */
    public ImportRequestException(String field, String why) {
        super("Invalid '" + field + "': " + why);
        this.field = field;
        this.why = why;
    }

    ImportRequestException(String field, String why, String message) {
        super(message);
        this.field = field;
        this.why = why;
    }

    public String field() {
        return field;
    }

    /** What is wrong with the field, without its name. */
    public String why() {
        return why;
    }
}
