package dev.lightreasoner.batch.train;

import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.RunFolders;
import dev.lightreasoner.engine.training.FineTuning;
import dev.lightreasoner.engine.training.TrainParameters;
import dev.lightreasoner.engine.training.TrainingExample;
import dev.lightreasoner.engine.training.TrainingExamples;
import dev.lightreasoner.service.TrainingLock;
import dev.lightreasoner.store.IntLists;
import dev.lightreasoner.store.Sample;
import dev.lightreasoner.store.SampleStore;
import dev.lightreasoner.store.SamplingRun;
import dev.lightreasoner.store.SftSolution;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Items are optimizer step numbers. Opening loads the samples, the base model and either a fresh adapter or
 * the adapter and optimizer moments of the checkpoint the repository recorded (the JSR-352 checkpoint is the
 * number of optimizer steps done, whose checkpoint folder is complete by construction).
 */
@Named
@Dependent
public class OptimizerStepReader extends AbstractItemReader {
    private static final Logger LOG = Logger.getLogger(OptimizerStepReader.class.getName());
    private static final int PAGE = 2000;

    @Inject
    JobContext jobContext;
    @Inject
    StepContext stepContext;
    @EJB
    SampleStore samples;
    @EJB
    TrainingLock lock;

    private long next;
    private int maxSteps;
    private FineTuning training;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        lock.acquire(jobContext.getExecutionId());
        try {
            openTraining(checkpoint);
        } catch (Exception | Error e) {
            lock.release(jobContext.getExecutionId());
            throw e;
        }
    }

    private void openTraining(Serializable checkpoint) throws Exception {
        TrainParameters p = JobStart.parameters(jobContext, TrainParameters.class, TrainParameters::from);
        SamplingRun run = samples.run(p.samples());
        if (run == null) {
            throw new IllegalStateException("no sampling run " + p.samples());
        }
        if (p.sft() != "SFT".equals(run.getKind())) {
            throw new IllegalStateException("run " + p.samples() + " is a " + run.getKind() + " run: objective=" + p.objective()
                    + (p.sft() ? " needs an sft-sample run" : " needs a sample or import-samples run"));
        }
        DataRoot root = DataRoot.fromEnvironment();
        String expert = p.expert().isBlank() ? run.getExpert() : p.expert();
        List<TrainingExample> examples = p.sft() ? sftExamples(p.samples()) : examples(p.samples());
        if (examples.isEmpty()) {
            throw new IllegalStateException("sampling run " + p.samples() + " has no samples to train on");
        }
        next = checkpoint == null ? 0 : (Long) checkpoint;
        training = FineTuning.open(p, root.resolve("expert", expert), expert, examples, DataRoot.fromEnvironment().path().resolve(RunFolders.of("train", jobContext.getInstanceId())), next);
        maxSteps = training.totalSteps();
        stepContext.setTransientUserData(training);
        LOG.info("train execution " + jobContext.getExecutionId() + ": " + examples.size() + " examples, resumes after step "
                + next + " of " + maxSteps);
    }

    private List<TrainingExample> examples(long runId) {
        List<TrainingExample> out = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<Object[]> page = samples.samplesWithPrompts(runId, offset, PAGE);
            for (Object[] row : page) {
                Sample s = (Sample) row[0];
                out.add(TrainingExamples.keptStep(s.getQuestionIndex(), s.getStep(), IntLists.ints((String) row[1]),
                        s.getPrefixIds(), s.getTokenIds(), s.getWeights()));
            }
            if (page.size() < PAGE) {
                return out;
            }
        }
    }

    /** SFT: every token of every accepted solution is a one-hot target at its position (cross-entropy). */
    private List<TrainingExample> sftExamples(long runId) {
        List<TrainingExample> out = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<SftSolution> page = samples.sftSolutions(runId, offset, PAGE);
            for (SftSolution s : page) {
                out.addAll(TrainingExamples.solution(TrainingExamples.solutionKey(s.getQuestionIndex(), s.getSampleIndex()),
                        s.getPromptIds(), s.getTrajectoryIds()));
            }
            if (page.size() < PAGE) {
                return out;
            }
        }
    }

    @Override
    public Object readItem() {
        return next < maxSteps ? next++ : null;
    }

    @Override
    public Serializable checkpointInfo() {
        return next;
    }

    @Override
    public void close() {
        if (training != null) {
            training.close();
        }
        lock.release(jobContext.getExecutionId());
    }
}
