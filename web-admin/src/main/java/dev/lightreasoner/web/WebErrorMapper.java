package dev.lightreasoner.web;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's own HTTP errors (unknown path 404, wrong method 405 with its Allow header, body type 415, a role
 * that may not do this 403, …) as problem+json instead of the container's empty or plain-text bodies.
 */
@Provider
public class WebErrorMapper implements ExceptionMapper<WebApplicationException> {
    private static final Pattern QUERY_PARAMETER = Pattern.compile("QueryParam\\(\"([^\"]+)\"\\)");

    @Override
    public Response toResponse(WebApplicationException e) {
        Matcher unreadable = QUERY_PARAMETER.matcher(String.valueOf(e.getMessage()));
        if (e instanceof NotFoundException && unreadable.find()) {
            // JAX-RS answers 404 when a query parameter does not convert (offset=abc): it is the client's 400
            return ErrorBody.response(400, "is not a valid value for this parameter", unreadable.group(1));
        }
        int status = e.getResponse().getStatus();
        String detail = switch (status) {
            case 403 -> "your role may not do this";
            case 404 -> "no such resource";
            case 405 -> "method not allowed here (allowed: " + String.join(", ", e.getResponse().getAllowedMethods()) + ")";
            case 406 -> "this resource answers in JSON (or text for .md/.jsonl exports) only";
            case 415 -> "send the body as application/json";
            default -> ErrorBody.title(status);
        };
        Response.ResponseBuilder out = Response.status(status).type(ErrorBody.MEDIA_TYPE)
                .entity(new ErrorBody(status, detail, null));
        if (e instanceof NotAllowedException) {
            out.allow(e.getResponse().getAllowedMethods());
        }
        return out.build();
    }
}
