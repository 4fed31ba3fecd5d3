package dev.loupe.embedder.rest.problem;

import dev.loupe.service.problem.Problems;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;

/**
 * 400: the request body breaks a Bean Validation constraint of its DTO. The problem names the first
 * offending field (and item index, for list elements) in the body's own terms.
 */
@Provider
public class ConstraintViolationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(Violation::of)
                .sorted(Comparator.comparing(Violation::field))
                .toList();
        if (violations.isEmpty()) {
            return Problems.response(Problems.BAD_REQUEST, "invalid-request", "The request is invalid", e.getMessage());
        }
        Violation first = violations.getFirst();
        String detail = String.join(
                "; ",
                violations.stream()
                        .map(v -> v.field().isEmpty() ? v.message() : v.field() + ": " + v.message())
                        .toList());
        String title = first.field().isEmpty()
                ? "The request body is missing: " + first.message()
                : "Invalid '" + first.field() + "': " + first.message();
        return Problems.response(Problems.problem(Problems.BAD_REQUEST, "invalid-request", title, detail)
                .withIndex(first.index()));
    }

    /** One violation, with the method and parameter nodes dropped from its path. */
    private record Violation(String field, Integer index, String message) {

        static Violation of(ConstraintViolation<?> violation) {
            StringBuilder field = new StringBuilder();
            Integer index = null;
            boolean inBody = false;
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.METHOD) {
                    continue;
                }
                if (node.getKind() == ElementKind.PARAMETER) {
                    inBody = true; // the DTO itself; its fields follow
                    continue;
                }
                if (node.getIndex() != null) {
                    index = node.getIndex();
                    field.append('[').append(index).append(']');
                }
                if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(node.getName());
                }
            }
            return new Violation(
                    inBody ? field.toString() : violation.getPropertyPath().toString(), index, violation.getMessage());
        }
    }
}
