package dev.lightreasoner.web;

import dev.lightreasoner.store.OperationsStore;
import jakarta.ejb.EJB;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Set;

/**
 * Writes an audit row for every mutating API call (POST, PUT, PATCH, DELETE), accepted or refused: the
 * caller, the method and path, the request body (job parameters) and the response status with its error.
 * One filter for all resources, so a new endpoint cannot forget it. Bodies over 256 KiB are refused (413).
 */
@Provider
public class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final int MAX_BODY = 8000;
    /** API bodies are parameter maps; anything this large is a mistake or an attack. */
    static final int MAX_REQUEST_BYTES = 256 * 1024;
    private static final String BODY = AuditFilter.class.getName() + ".body";

    @EJB
    OperationsStore operations;

    /** The sign-in check carries a password and audits itself. */
    private static boolean signIn(ContainerRequestContext request) {
        return request.getUriInfo().getPath().endsWith("system/sign-in");
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!MUTATING.contains(request.getMethod()) || !request.hasEntity() || signIn(request)) {
            return;
        }
        byte[] body = request.getEntityStream().readNBytes(MAX_REQUEST_BYTES + 1);
        if (body.length > MAX_REQUEST_BYTES) {
            request.abortWith(ErrorBody.response(413,
                    "request body larger than " + MAX_REQUEST_BYTES + " bytes: job parameters are short values", null));
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
        String text = new String(body, 0, Math.min(body.length, MAX_BODY), StandardCharsets.UTF_8);
        request.setProperty(BODY, text);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!MUTATING.contains(request.getMethod()) || signIn(request)) {
            return;
        }
        Principal user = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        String result = response.getStatus() + (response.getEntity() instanceof ErrorBody error
                ? " " + error.error() : response.getStatus() == 201 && response.getLocation() != null
                ? " " + response.getLocation().getPath() : "");
        String path = request.getUriInfo().getPath();
        operations.audit(user == null ? "anonymous" : user.getName(), request.getMethod(),
                path.length() > 200 ? path.substring(0, 200) : path, (String) request.getProperty(BODY), result);
    }
}
