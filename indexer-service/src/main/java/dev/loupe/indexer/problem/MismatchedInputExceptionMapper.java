package dev.loupe.indexer.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Collection;

/**
 * 400: the body is JSON of the wrong shape (a string where the URL array belongs). Names the field in
 * the body's terms; never Jackson's message, which names Java types.
 */
@Provider
public class MismatchedInputExceptionMapper implements ExceptionMapper<MismatchedInputException> {

    @Override
    public Response toResponse(MismatchedInputException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        String expected = expected(e.getTargetType());
        String title = field.isEmpty()
                ? "The request body has a value of the wrong type: expected " + expected
                : "Invalid '" + field + "': expected " + expected;
        return Problem.of(
                        400,
                        "invalid-request",
                        title,
                        "See the request schema in /q/openapi.",
                        field.isEmpty() ? null : field.toString())
                .response();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        return "an object";
    }
}
