package dev.lightreasoner.web;

import jakarta.annotation.security.RolesAllowed;
import dev.lightreasoner.engine.JobCatalog;
import dev.lightreasoner.engine.ops.ExecutionLog;
import dev.lightreasoner.service.BatchJobs;
import dev.lightreasoner.service.ExecutionSearch;
import dev.lightreasoner.service.RequestRejected;
import dev.lightreasoner.service.ExecutionView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jobs and their executions: start, restart, stop, abandon, read. Thin: all rules live in BatchJobs. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    @EJB
    BatchJobs jobs;
    @EJB
    ExecutionSearch search;

    @GET
    @Path("jobs")
    public List<String> jobNames() {
        return jobs.jobNames();
    }

    /** Starts a job; the body is a flat JSON object of parameters (may be empty). 201 + the execution. */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @POST
    @Path("jobs/{job}/executions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("job") String job, Map<String, Object> parameters,
                          @HeaderParam("Idempotency-Key") String idempotencyKey, @Context UriInfo uri) {
        BatchJobs.Started started = jobs.start(job, strings(parameters), idempotencyKey);
        if (started.replayed()) {                       // a retried request: the execution the first one started
            return Response.ok(jobs.execution(started.executionId())).header("Idempotent-Replayed", "true").build();
        }
        return created(started.executionId(), uri);
    }

    @GET
    @Path("jobs/{job}/executions")
    public List<ExecutionView> executions(@PathParam("job") String job,
                                          @QueryParam("limit") @DefaultValue("50") int limit) {
        return jobs.executions(job, Math.max(1, Math.min(limit, 1000)));
    }

    /** A job's description and parameter schema (name, type, default, bounds, help). */
    @GET
    @Path("jobs/{job}")
    public JobCatalog.Job job(@PathParam("job") String job) {
        JobCatalog.Job found = JobCatalog.jobs().get(job);
        if (found == null) {
            throw new RequestRejected(RequestRejected.NOT_FOUND, "job", "unknown job '" + job + "' (known: "
                    + jobs.jobNames() + ")");
        }
        return found;
    }

    /**
     * Executions of all jobs, newest first: filter by {@code job}, {@code status}, creation time
     * ({@code since}/{@code until}, ISO-8601 instants), page with {@code offset}/{@code limit} (max 200).
     */
    @GET
    @Path("executions")
    public List<ExecutionView> allExecutions(@QueryParam("job") String job, @QueryParam("status") String status,
                                             @QueryParam("since") String since, @QueryParam("until") String until,
                                             @QueryParam("offset") @DefaultValue("0") int offset,
                                             @QueryParam("limit") @DefaultValue("50") int limit) {
        if (job != null && !jobs.jobNames().contains(job)) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "job", "unknown job '" + job + "'");
        }
        return search.find(job, status, instant("since", since), instant("until", until), Paging.offset(offset),
                Paging.limit(limit, 200)).stream().map(jobs::execution).toList();
    }

    private static java.time.Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, name, "must be an ISO-8601 instant such as"
                    + " 2026-11-26T18:00:00Z: " + value);
        }
    }

    /** One execution with step metrics; {@code waitMs} waits for it to finish first. */
    @GET
    @Path("executions/{id}")
    public ExecutionView execution(@PathParam("id") long id, @QueryParam("waitMs") @DefaultValue("0") long waitMs) {
        return waitMs > 0 ? jobs.await(id, waitMs) : jobs.execution(id);
    }

    /**
     * The lines this execution wrote to the server log (the last {@code limit}, oldest first, stack traces included),
     * as plain text; 404 for an unknown execution.
     */
    @GET
    @Path("executions/{id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    public String log(@PathParam("id") long id, @QueryParam("limit") @DefaultValue("1000") int limit) {
        if (limit < 1 || limit > 100_000) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "limit", "1 <= limit <= 100000");
        }
        jobs.execution(id);                                              // 404 naming the execution when unknown
        String dir = System.getProperty("jboss.server.log.dir");
        List<String> lines = dir == null ? List.of() : ExecutionLog.lines(java.nio.file.Path.of(dir), id, limit);
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** Restarts from the last checkpoint; the optional body overrides parameters. 201 + the new execution. */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @POST
    @Path("executions/{id}/restart")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response restart(@PathParam("id") long id, Map<String, Object> overrides, @Context UriInfo uri) {
        long next = jobs.restart(id, strings(overrides));
        return created(next, uri);
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @POST
    @Path("executions/{id}/stop")
    public Response stop(@PathParam("id") long id) {
        jobs.stop(id);
        return Response.accepted(jobs.execution(id)).build();
    }

    /** Abandons a finished, failed or stopped execution for good; the body must give a reason (audited). */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @POST
    @Path("executions/{id}/abandon")
    @Consumes(MediaType.APPLICATION_JSON)
    public ExecutionView abandon(@PathParam("id") long id, Map<String, Object> body) {
        Object reason = body == null ? null : body.get("reason");
        if (reason == null || String.valueOf(reason).isBlank()) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "reason",
                    "is required: say why this execution is abandoned (it can never be restarted)");
        }
        jobs.abandon(id);
        return jobs.execution(id);
    }

    /** Job parameters are strings; JSON numbers and booleans are accepted and written as text. */
    private static Map<String, String> strings(Map<String, Object> body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body != null) {
            body.forEach((k, v) -> {
                if (v != null) {
                    out.put(k, String.valueOf(v));
                }
            });
        }
        return out;
    }

    private Response created(long executionId, UriInfo uri) {
        URI location = uri.getBaseUriBuilder().path("executions").path(Long.toString(executionId)).build();
        return Response.created(location).entity(jobs.execution(executionId)).build();
    }
}
