package dev.lightreasoner.web;

import jakarta.annotation.security.RolesAllowed;
import dev.lightreasoner.service.BatchJobs;
import dev.lightreasoner.service.RequestRejected;
import dev.lightreasoner.store.AuditRecord;
import dev.lightreasoner.store.OperationsStore;
import dev.lightreasoner.store.RestartPolicy;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The audit log and the per-job automatic restart policies. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OperationsResource {
    @EJB
    OperationsStore operations;
    @EJB
    BatchJobs jobs;

    public record AuditView(long id, Instant at, String actor, String action, String target, String parameters,
                            String result) {
    }

    public record PolicyView(String job, int maxAttempts, long backoffSeconds, String transientPattern) {
        static PolicyView of(RestartPolicy p) {
            return new PolicyView(p.getJob(), p.getMaxAttempts(), p.getBackoffSeconds(), p.getTransientPattern());
        }
    }

    /** Newest first; {@code before} = the smallest id of the previous page. */
    @GET
    @Path("audit")
    public List<AuditView> audit(@QueryParam("limit") @DefaultValue("100") int limit,
                                 @QueryParam("before") @DefaultValue("0") long before, @QueryParam("action") String action) {
        return operations.auditLog(Math.max(1, Math.min(limit, 1000)), before, action).stream()
                .map(a -> new AuditView(a.getId(), a.getAt(), a.getActor(), a.getAction(), a.getTarget(),
                        a.getParameters(), a.getResult())).toList();
    }

    @GET
    @Path("restart-policies")
    public List<PolicyView> policies() {
        return operations.policies().stream().map(PolicyView::of).toList();
    }

    @GET
    @Path("jobs/{job}/restart-policy")
    public PolicyView policy(@PathParam("job") String job) {
        RestartPolicy p = operations.policy(knownJob(job));
        if (p == null) {
            throw new RequestRejected(RequestRejected.NOT_FOUND, "job", "job '" + job + "' has no restart policy");
        }
        return PolicyView.of(p);
    }

    /**
     * Sets the policy: {@code maxAttempts} (1–100), {@code backoffSeconds} (0–86400, doubled per attempt),
     * {@code transientPattern} (a regular expression over the exit status; default {@code CRASHED.*}, i.e.
     * only executions whose server died).
     */
    @RolesAllowed({Roles.ADMIN})
    @PUT
    @Path("jobs/{job}/restart-policy")
    @Consumes(MediaType.APPLICATION_JSON)
    public PolicyView setPolicy(@PathParam("job") String job, Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        for (String key : b.keySet()) {
            if (!List.of("maxAttempts", "backoffSeconds", "transientPattern").contains(key)) {
                throw new RequestRejected(RequestRejected.BAD_REQUEST, key,
                        "unknown field (known: maxAttempts, backoffSeconds, transientPattern)");
            }
        }
        int attempts = (int) number(b, "maxAttempts", 3, 1, 100);
        long backoff = number(b, "backoffSeconds", 30, 0, 86_400);
        String pattern = String.valueOf(b.getOrDefault("transientPattern", "CRASHED.*"));
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "transientPattern", "not a regular expression: "
                    + e.getDescription());
        }
        RestartPolicy p = new RestartPolicy(knownJob(job), attempts, backoff, pattern);
        operations.savePolicy(p);
        return PolicyView.of(p);
    }

    @RolesAllowed({Roles.ADMIN})
    @DELETE
    @Path("jobs/{job}/restart-policy")
    public Response deletePolicy(@PathParam("job") String job) {
        if (!operations.deletePolicy(knownJob(job))) {
            throw new RequestRejected(RequestRejected.NOT_FOUND, "job", "job '" + job + "' has no restart policy");
        }
        return Response.noContent().build();
    }

    private String knownJob(String job) {
        if (!jobs.jobNames().contains(job)) {
            throw new RequestRejected(RequestRejected.NOT_FOUND, "job", "unknown job '" + job + "' (known: "
                    + jobs.jobNames() + ")");
        }
        return job;
    }

    private static long number(Map<String, Object> body, String field, long fallback, long min, long max) {
        Object v = body.get(field);
        if (v == null) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, field, "must be a whole number: " + v);
        }
        if (n < min || n > max) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, field, "must be between " + min + " and " + max + ": " + n);
        }
        return n;
    }
}
