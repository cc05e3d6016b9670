package dev.lightreasoner.web;

import jakarta.ws.rs.core.Response;

/**
 * The body of every error answer, an RFC 9457 problem ({@code application/problem+json}): type, title, status
 * and detail, plus {@code parameter} (the field at fault, where one is) and {@code error} (the detail again, for
 * clients written against the earlier body).
 */
public record ErrorBody(String type, String title, int status, String detail, String error, String parameter) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public ErrorBody(int status, String detail, String parameter) {
        this("about:blank", title(status), status, detail, detail, parameter);
    }

    /** The whole answer: status, problem media type, body. */
    public static Response response(int status, String detail, String parameter) {
        return Response.status(status).type(MEDIA_TYPE).entity(new ErrorBody(status, detail, parameter)).build();
    }

    static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : status == 429 ? "Too Many Requests" : "Error " + status;
    }
}
