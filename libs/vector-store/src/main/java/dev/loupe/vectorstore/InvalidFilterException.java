package dev.loupe.vectorstore;

/** A filter names an unknown field, uses an operator the field does not support, or a wrong value type. */
public class InvalidFilterException extends RuntimeException {

    public InvalidFilterException(String message) {
        super(message);
    }
}
