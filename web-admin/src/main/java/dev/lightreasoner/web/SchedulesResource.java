package dev.lightreasoner.web;

import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightreasoner.service.JobScheduler;
import dev.lightreasoner.service.RequestRejected;
import dev.lightreasoner.store.JobSchedule;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cron-style schedules: create, list, pause, resume, delete. */
@Path("schedules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SchedulesResource {
    private static final ObjectMapper JSON = new ObjectMapper();

    @EJB
    JobScheduler scheduler;

    public record ScheduleView(long id, String job, String cron, String timezone, Map<String, String> parameters,
                               boolean paused, Instant createdAt, Instant lastFiredAt, long lastExecutionId,
                               String lastResult, Instant nextFireAt) {
        static ScheduleView of(JobSchedule s, Instant nextFireAt) {
            try {
                return new ScheduleView(s.getId(), s.getJob(), s.getCron(), s.getTimezone(),
                        JSON.readValue(s.getParameters(), new TypeReference<Map<String, String>>() { }), s.isPaused(),
                        s.getCreatedAt(), s.getLastFiredAt(), s.getLastExecutionId(), s.getLastResult(), nextFireAt);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @GET
    public List<ScheduleView> list() {
        return scheduler.list().stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    public ScheduleView get(@PathParam("id") long id) {
        return view(scheduler.find(id));
    }

    /**
     * Body: {@code job}, {@code cron} ("[second] minute hour dayOfMonth month dayOfWeek", EJB calendar syntax),
     * optional {@code timezone} (default UTC) and {@code parameters} (validated now). 201 + the schedule.
     */
    @POST
    @RolesAllowed({Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        for (String key : b.keySet()) {
            if (!List.of("job", "cron", "timezone", "parameters").contains(key)) {
                throw new RequestRejected(RequestRejected.BAD_REQUEST, key, "unknown field (known: job, cron, timezone, parameters)");
            }
        }
        if (!(b.get("job") instanceof String job)) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "job", "is required");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (b.get("parameters") instanceof Map<?, ?> p) {
            p.forEach((k, v) -> parameters.put(String.valueOf(k), String.valueOf(v)));
        } else if (b.get("parameters") != null) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "parameters", "must be a JSON object");
        }
        JobSchedule s = scheduler.create(job, b.get("cron") == null ? null : String.valueOf(b.get("cron")),
                String.valueOf(b.getOrDefault("timezone", "UTC")), parameters);
        return Response.status(201).entity(view(s)).build();
    }

    @RolesAllowed({Roles.ADMIN})
    @POST
    @Path("{id}/pause")
    public ScheduleView pause(@PathParam("id") long id) {
        return view(scheduler.pause(id, true));
    }

    @RolesAllowed({Roles.ADMIN})
    @POST
    @Path("{id}/resume")
    public ScheduleView resume(@PathParam("id") long id) {
        return view(scheduler.pause(id, false));
    }

    @RolesAllowed({Roles.ADMIN})
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        scheduler.delete(id);
        return Response.noContent().build();
    }

    private ScheduleView view(JobSchedule s) {
        return ScheduleView.of(s, scheduler.nextFire(s.getId()));
    }
}
