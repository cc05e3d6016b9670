package dev.lightreasoner.web;

import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.RunFolders;
import dev.lightreasoner.service.RequestRejected;
import dev.lightreasoner.store.PipelineStageRecord;
import dev.lightreasoner.store.PipelineStore;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** Pipeline runs (id = lightreasoner job instance id): stages with their jobs, and the run report. */
@Path("pipelines")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PipelinesResource {
    @EJB
    PipelineStore store;

    /** {@code reused}: the stage did not run but reused run {@code runId} of an earlier pipeline (same work). */
    public record StageView(String stage, String job, long runId, long executionId, String status, double seconds,
                            boolean reused) {
    }

    @GET
    @Path("{id}")
    public List<StageView> stages(@PathParam("id") long id) {
        return store.stages(id).stream().filter(s -> !"report".equals(s.getStage()))
                .map(s -> new StageView(s.getStage(), s.getJob(), s.getInstanceId(), s.getExecutionId(), s.getStatus(),
                        s.getSeconds(), s.isReused())).toList();
    }

    @GET
    @Path("{id}/report")
    public String report(@PathParam("id") long id) {
        PipelineStageRecord report = store.find(id, "report");
        if (report == null || report.getDetail() == null) {
            throw new RequestRejected(RequestRejected.NOT_FOUND, "id", "pipeline " + id + " has no report (yet)");
        }
        return report.getDetail();                     // stored as JSON text by the report step
    }

    @GET
    @Path("{id}/report.md")
    @Produces("text/markdown")
    public String markdown(@PathParam("id") long id) throws IOException {
        java.nio.file.Path file = DataRoot.fromEnvironment().path().resolve(RunFolders.of("pipeline", id)).resolve("report.md");
        if (!Files.exists(file)) {
            throw new RequestRejected(RequestRejected.NOT_FOUND, "id", "pipeline " + id + " has no report (yet)");
        }
        return Files.readString(file);
    }
}
