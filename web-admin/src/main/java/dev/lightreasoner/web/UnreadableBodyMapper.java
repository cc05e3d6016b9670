package dev.lightreasoner.web;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request body that is not the JSON object an endpoint expects is the client's error (400), not the server's. */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
        String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
        return ErrorBody.response(400, "request body is not a JSON object of parameters: " + why, "body");
    }
}
