package dev.lightreasoner.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else is the server's fault: a 500 problem whose detail names an incident id to look up in the server
 * log — never the exception's text, which can carry SQL, stack frames or absolute server paths.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Exception> {
    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Exception e) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "incident " + incident + ": unexpected error answering an API request", e);
        return ErrorBody.response(500, "internal error (incident " + incident + " in the server log)", null);
    }
}
