package dev.lightreasoner.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Set;

/**
 * Cross-site request forgery guard for mutations. A browser attaches no credentials of ours to a forged
 * request (the console sends the Authorization header itself, never through the browser's login prompt),
 * and on top of that a mutation must be something a cross-site page cannot send without a CORS preflight,
 * which this server never approves: a JSON body or an {@code X-Requested-By} header. A request whose
 * {@code Origin} is another site is refused outright.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class CrossSiteFilter implements ContainerRequestFilter {
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final String MARKER = "X-Requested-By";

    @Override
    public void filter(ContainerRequestContext request) {
        if (!MUTATING.contains(request.getMethod())) {
            return;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !sameSite(origin, request.getHeaderString("Host"))) {
            refuse(request, "cross-site request from " + origin + " refused");
            return;
        }
        MediaType type = request.getMediaType();
        boolean json = type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE);
        if (!json && request.getHeaderString(MARKER) == null) {
            refuse(request, "a mutation needs a JSON body or an " + MARKER + " header (cross-site request guard)");
        }
    }

    private static boolean sameSite(String origin, String host) {
        try {
            URI o = URI.create(origin);
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return host != null && (host.equalsIgnoreCase(authority) || host.equalsIgnoreCase(o.getHost()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void refuse(ContainerRequestContext request, String message) {
        request.abortWith(ErrorBody.response(403, message, null));
    }
}
