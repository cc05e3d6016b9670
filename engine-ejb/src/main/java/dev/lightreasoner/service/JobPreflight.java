package dev.lightreasoner.service;

import dev.lightreasoner.engine.JobCatalog;
import dev.lightreasoner.store.QuestionStore;
import dev.lightreasoner.store.SampleStore;
import dev.lightreasoner.store.SamplingRun;
import dev.lightreasoner.store.ShardStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.Map;

/**
 * Checks a job's references to stored records before it starts (parameter rules are pure and cannot): each parameter
 * the job's declaration says it reads ({@link JobCatalog.Job#reads()}) must name a record that exists and fits. A
 * refused start is a 400 naming the parameter instead of an execution that fails seconds later.
 */
@Stateless
public class JobPreflight {
    @EJB
    QuestionStore questions;
    @EJB
    SampleStore samples;

    @EJB
    ShardStore shards;

    /** @param p the start's parameters, already valid by the job's parameter rules */
    public void check(String job, Map<String, String> p) {
        checkShard(job, p);
        JobCatalog.jobs().get(job).reads().forEach((parameter, record) -> {
            String value = p.get(parameter);
            if (value == null) {
                return;
            }
            switch (record) {
                case PREPARED_DATASET -> requirePreparedDataset(parameter, value);
                case SAMPLING_RUN -> requireSamplingRun(parameter, Long.parseLong(value), p.get("objective"));
                default -> throw new IllegalStateException("no preflight for a " + record + " named by " + parameter);
            }
        });
    }

    /**
     * A shard writes into its sharded run: it must be exactly a shard that run planned, with the planned parameters
     * (what a node starts), so no start can write into a run with other models, data or settings.
     */
    private void checkShard(String job, Map<String, String> p) {
        long shardOf = Long.parseLong(p.getOrDefault("shardOf", "0"));
        if (shardOf == 0) {
            return;
        }
        Map<String, String> planned = shards.plannedParameters(job, shardOf, Long.parseLong(p.get("from")),
                Long.parseLong(p.get("limit")));
        if (planned == null || !planned.equals(p)) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "shardOf", "run " + shardOf + " planned no " + job
                    + " shard of items [" + p.get("from") + ", +" + p.get("limit") + ") with these parameters: shardOf"
                    + " is set by a sharded run for its shards (leave it 0)");
        }
    }

    private void requirePreparedDataset(String parameter, String dataset) {
        if (questions.count(dataset) == 0) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, parameter, "no prepared dataset '" + dataset
                    + "' (run job 'prepare' first; prepared: " + questions.datasets().keySet() + ")");
        }
    }

    /** The run must exist, and be an SFT run exactly when the reading job's objective is sft. */
    private void requireSamplingRun(String parameter, long id, String objective) {
        SamplingRun run = samples.run(id);
        if (run == null) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, parameter, "no sampling run " + id);
        }
        boolean sft = "sft".equals(objective);
        if (sft != "SFT".equals(run.getKind())) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, parameter, "run " + id + " is a " + run.getKind()
                    + " run: objective=" + objective + (sft ? " needs an sft-sample run" : " needs a sample or import-samples run"));
        }
    }
}
