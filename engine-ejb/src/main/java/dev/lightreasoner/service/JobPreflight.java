package dev.lightreasoner.service;

import dev.lightreasoner.store.QuestionStore;
import dev.lightreasoner.store.SampleStore;
import dev.lightreasoner.store.SamplingRun;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.Map;

/**
 * Checks a job's references to stored data before it starts (parameter rules are pure and cannot): the
 * dataset a sampling job reads must be prepared, the run a training reads must exist and be of the right
 * kind. A refused start is a 400 naming the parameter instead of an execution that fails seconds later.
 */
@Stateless
public class JobPreflight {
    @EJB
    QuestionStore questions;
    @EJB
    SampleStore samples;

    public void check(String job, Map<String, String> p) {
        switch (job) {
            case "sample", "sft-sample" -> {
                String dataset = p.get("dataset");
                if (dataset != null && questions.count(dataset) == 0) {
                    throw new RequestRejected(RequestRejected.BAD_REQUEST, "dataset", "no prepared dataset '" + dataset
                            + "' (run job 'prepare' first; prepared: " + questions.datasets().keySet() + ")");
                }
            }
            case "train" -> {
                long id = Long.parseLong(p.get("samples"));
                SamplingRun run = samples.run(id);
                if (run == null) {
                    throw new RequestRejected(RequestRejected.BAD_REQUEST, "samples", "no sampling run " + id);
                }
                boolean sft = "sft".equals(p.get("objective"));
                if (sft != "SFT".equals(run.getKind())) {
                    throw new RequestRejected(RequestRejected.BAD_REQUEST, "samples", "run " + id + " is a "
                            + run.getKind() + " run: objective=" + p.get("objective")
                            + (sft ? " needs an sft-sample run" : " needs a sample or import-samples run"));
                }
            }
            default -> {
            }
        }
    }
}
