package dev.lightreasoner.web;

import dev.lightreasoner.service.RequestRejected;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused request becomes its status with a JSON error body. */
@Provider
public class RequestRejectedMapper implements ExceptionMapper<RequestRejected> {
    @Override
    public Response toResponse(RequestRejected e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(e.status(), e.getMessage(), e.parameter())).build();
    }
}
