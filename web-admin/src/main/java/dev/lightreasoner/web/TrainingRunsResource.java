package dev.lightreasoner.web;

import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.FolderArchive;
import dev.lightreasoner.engine.data.RunFolders;
import dev.lightreasoner.service.BatchJobs;
import dev.lightreasoner.service.ExecutionSearch;
import dev.lightreasoner.service.ExecutionView;
import dev.lightreasoner.service.RequestRejected;
import dev.lightreasoner.service.TrainingLock;
import dev.lightreasoner.store.TrainingStepRecord;
import dev.lightreasoner.store.TrainingStore;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;

/** Training runs (id = train or pretrain job instance id): the latest execution and the per-step curve. */
@Path("training-runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TrainingRunsResource {
    @EJB
    ExecutionSearch search;
    @EJB
    TrainingStore store;

    public record StepView(long step, double loss, double gradNorm, double learningRate, long forwardTokens,
                           int examples, long millis) {
    }

    @EJB
    BatchJobs jobs;

    /** The run's latest execution (status, progress): the console's training page refreshes while it runs. */
    @GET
    @Path("{id}")
    public ExecutionView run(@PathParam("id") long id) {
        search.requireRun(id, "training run", TrainingLock.TRAINING_JOBS);
        return jobs.execution(search.latestExecutionOf(id));
    }

    @GET
    @Path("{id}/steps")
    public List<StepView> steps(@PathParam("id") long id) {
        search.requireRun(id, "training run", TrainingLock.TRAINING_JOBS);
        return store.steps(id).stream().map(TrainingRunsResource::view).toList();
    }

    /** The published LoRA adapter (PEFT layout: adapter_config.json, adapter_model.safetensors) as a zip. */
    @GET
    @Path("{id}/adapter.zip")
    @Produces("application/zip")
    public Response adapter(@PathParam("id") long id) {
        search.requireRun(id, "training run", java.util.Set.of("train"));
        java.nio.file.Path folder = DataRoot.fromEnvironment().path().resolve(RunFolders.trainingAdapter(id));
        if (!java.nio.file.Files.isDirectory(folder)) {
            throw new RequestRejected(RequestRejected.NOT_FOUND, "id", "training run " + id + " has no adapter (yet)");
        }
        StreamingOutput body = out -> FolderArchive.zip(folder, "adapter", out);
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"adapter-train-" + id + ".zip\"")
                .build();
    }

    private static StepView view(TrainingStepRecord s) {
        return new StepView(s.getStep(), s.getLoss(), s.getGradNorm(), s.getLearningRate(), s.getForwardTokens(),
                s.getExamples(), s.getMillis());
    }
}
