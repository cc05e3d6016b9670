package dev.lightreasoner.web;

import dev.lightreasoner.service.BatchJobs;
import dev.lightreasoner.service.ExecutionSearch;
import dev.lightreasoner.service.ExecutionView;
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

    private static StepView view(TrainingStepRecord s) {
        return new StepView(s.getStep(), s.getLoss(), s.getGradNorm(), s.getLearningRate(), s.getForwardTokens(),
                s.getExamples(), s.getMillis());
    }
}
