package dev.loupe.search.problem;

import dev.loupe.search.classifier.ClassifierConflictException;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 409: the classifier session's state (or this service's model) does not allow the request; says why. */
@Provider
public class ClassifierConflictExceptionMapper implements ExceptionMapper<ClassifierConflictException> {

    @Override
    public Response toResponse(ClassifierConflictException e) {
        return Problems.response(Problems.problem(Problems.CONFLICT, "classifier-conflict", e.title(), e.getMessage())
                .withReason(e.reason().name()));
    }
}
