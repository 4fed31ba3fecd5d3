package dev.loupe.search.problem;

import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 400: the request breaks a rule the client can fix; the problem names the field. */
@Provider
public class InvalidRequestExceptionMapper implements ExceptionMapper<InvalidRequestException> {

    @Override
    public Response toResponse(InvalidRequestException e) {
        return Problems.response(Problems.problem(Problems.BAD_REQUEST, "invalid-request", e.title(), e.getMessage())
                .withField(e.field()));
    }
}
