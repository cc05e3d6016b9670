package dev.lightreasoner.web;

import dev.lightreasoner.service.DjlHealth;
import dev.lightreasoner.service.Readiness;
import dev.lightreasoner.store.OperationsStore;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** Health and environment checks for operators and scripts. */
@Path("system")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

    @EJB
    DjlHealth djl;
    @EJB
    Readiness readiness;
    @EJB
    OperationsStore operations;

    /** Cheap liveness: the app is deployed and answers. */
    @GET
    @Path("health")
    public Map<String, String> health() {
        return Map.of("status", "UP");
    }

    /** Liveness in MicroProfile Health's format (for probes that expect it). */
    @GET
    @Path("health/live")
    public Map<String, Object> live() {
        return Map.of("status", "UP", "checks", java.util.List.of(Map.of("name", "lightreasoner", "status", "UP")));
    }

    /** Readiness for load balancers and orchestrators: 200 when UP, 503 with the failing checks when DOWN. */
    @GET
    @Path("health/ready")
    public Response ready() {
        Map<String, Object> result = readiness.check();
        return Response.status("UP".equals(result.get("status")) ? 200 : 503).entity(result).build();
    }

    /** Who is calling and what they may do (the console hides what the user's role does not allow). */
    @GET
    @Path("me")
    public Map<String, Object> me(@Context SecurityContext security) {
        return identity(security.getUserPrincipal().getName(), security::isUserInRole);
    }

    /**
     * The console's sign-in check (open, like health): verifies a user name and password against the realm
     * and answers like {@code me}, or 401 WITHOUT a Basic challenge — a challenge would make the browser show
     * its own login prompt over the console. Nothing is kept on the server: the console then sends the
     * credentials with each call. Every attempt is audited (never the password).
     */
    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(Map<String, Object> body, @Context HttpServletRequest request) {
        String user = body == null ? "" : String.valueOf(body.getOrDefault("user", ""));
        String password = body == null ? "" : String.valueOf(body.getOrDefault("password", ""));
        String actor = user.length() > 64 ? user.substring(0, 64) : user;
        try {
            request.login(user, password);
        } catch (ServletException e) {
            operations.audit(actor, "sign-in", "console", null, "401 wrong user name or password");
            return ErrorBody.response(401, "wrong user name or password", null);
        }
        try {
            Map<String, Object> identity = identity(request.getUserPrincipal().getName(), request::isUserInRole);
            if (identity.get("role") == null) {
                operations.audit(actor, "sign-in", "console", null, "403 no LightReasoner role");
                return ErrorBody.response(403, "user " + user + " has no LightReasoner role", null);
            }
            operations.audit(actor, "sign-in", "console", null, "200 " + identity.get("role"));
            return Response.ok(identity).build();
        } finally {
            logout(request);
        }
    }

    private static void logout(HttpServletRequest request) {
        try {
            request.logout();
        } catch (ServletException e) {
            throw new IllegalStateException("sign-out after the credentials check failed", e);
        }
    }

    private static Map<String, Object> identity(String user, Predicate<String> hasRole) {
        boolean admin = hasRole.test(Roles.ADMIN);
        boolean operator = admin || hasRole.test(Roles.OPERATOR);
        String role = admin ? Roles.ADMIN : operator ? Roles.OPERATOR : hasRole.test(Roles.VIEWER) ? Roles.VIEWER : null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", user);
        out.put("role", role);
        out.put("canOperate", operator);
        out.put("canAdminister", admin);
        return out;
    }

    /** DJL smoke check on the PyTorch engine (loads the natives on first call). */
    @GET
    @Path("djl")
    public DjlHealth.DjlStatus djl() {
        return djl.check();
    }
}
