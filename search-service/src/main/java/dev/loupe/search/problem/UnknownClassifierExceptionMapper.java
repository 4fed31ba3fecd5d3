package dev.loupe.search.problem;

import dev.loupe.search.classifier.UnknownClassifierException;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 404: no classifier session has the requested id. */
@Provider
public class UnknownClassifierExceptionMapper implements ExceptionMapper<UnknownClassifierException> {

    @Override
    public Response toResponse(UnknownClassifierException e) {
        return Problems.response(
                Problems.NOT_FOUND,
                "unknown-classifier",
                "Unknown classifier session '" + Problems.quote(e.id()) + "'",
                "GET /v1/classifiers lists the sessions; a deleted session is gone with its labels.");
    }
}
