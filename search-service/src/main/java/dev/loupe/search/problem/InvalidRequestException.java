package dev.loupe.search.problem;

/**
 * A request breaks a rule the client can fix: a value out of range, a missing part, parts that do
 * not go together. Answered with 400, naming the field.
 */
public class InvalidRequestException extends RuntimeException {

    private final String field;
    private final String title;

    /**
     * @param field the request field at fault, or null when the request as a whole is
     * @param title a short sentence a person can act on
     * @param detail more about what is expected
     */
    public InvalidRequestException(String field, String title, String detail) {
        super(detail);
        this.field = field;
        this.title = title;
    }

    /** A field whose value is unusable: "Invalid 'field': why". */
    public static InvalidRequestException invalid(String field, String why) {
        return new InvalidRequestException(
                field, "Invalid '" + field + "': " + why, "See the request schema in /q/openapi.");
    }

    public String field() {
        return field;
    }

    public String title() {
        return title;
    }
}
