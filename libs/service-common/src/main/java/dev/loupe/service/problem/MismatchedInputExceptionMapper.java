package dev.loupe.service.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Collection;

/**
 * 400: the body is JSON of the wrong shape (a string where an array belongs). Names the field, and the
 * item index within a list, in the body's terms when Jackson knows them; never Jackson's message,
 * which names Java types.
 */
@Provider
public class MismatchedInputExceptionMapper implements ExceptionMapper<MismatchedInputException> {

    @Override
    public Response toResponse(MismatchedInputException e) {
        StringBuilder field = new StringBuilder();
        Integer index = null;
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                index = reference.getIndex();
                field.append('[').append(index).append(']');
            }
        }
        String expected = expected(e.getTargetType());
        String location = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        // Quarkus' generated record deserialisers do not record the path; the location still helps.
        String title = field.isEmpty()
                ? "The request body has a value of the wrong type" + location + ": expected " + expected
                : "Invalid '" + field + "'" + location + ": expected " + expected;
        return Problems.response(Problems.problem(
                        Problems.BAD_REQUEST, "invalid-request", title, "See the request schema in /q/openapi.")
                .withField(field.isEmpty() ? null : field.toString())
                .withIndex(index));
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
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "an object";
    }
}
