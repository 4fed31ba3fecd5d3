package dev.loupe.service.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;

/**
 * 400: the request body could not be read, such as a multipart body without its boundaries (the
 * HTTP layer reports "Connection terminated parsing multipart request"). The services' resources throw
 * no checked I/O exceptions, so only body reading lands here; were the client really gone, no one reads
 * the answer anyway.
 */
@Provider
public class UnreadableBodyExceptionMapper implements ExceptionMapper<IOException> {

    @Override
    public Response toResponse(IOException e) {
        return Problems.response(
                Problems.BAD_REQUEST,
                "unreadable-body",
                "The request body could not be read: " + Problems.quote(e.getMessage()),
                "Send multipart/form-data with the boundary named in Content-Type, or application/json.");
    }
}
