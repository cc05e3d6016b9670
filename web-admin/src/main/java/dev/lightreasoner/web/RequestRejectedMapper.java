package dev.lightreasoner.web;

import dev.lightreasoner.service.RequestRejected;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused request becomes its status with a problem+json body naming the parameter. */
@Provider
public class RequestRejectedMapper implements ExceptionMapper<RequestRejected> {
    @Override
    public Response toResponse(RequestRejected e) {
        return ErrorBody.response(e.status(), e.getMessage(), e.parameter());
    }
}
