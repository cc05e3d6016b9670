package dev.lightreasoner.engine.training;

import java.io.IOException;
import java.nio.file.Path;

/** An open training that a chunk-oriented job drives one optimizer step at a time (fine-tuning, pretraining). */
public interface StepwiseTraining extends AutoCloseable {
    /** Performs optimizer step {@code step} (0-based) on its seeded batch. */
    SoftLabelTrainer.StepResult step(long step);

    /** Writes the checkpoint of the state after {@code stepsDone} optimizer steps. */
    Path checkpoint(long stepsDone) throws IOException;

    /** Optimizer steps this training runs. */
    int totalSteps();

    /** Fault injection for tests: fail before this optimizer step (1-based), -1 never. */
    long failAtStep();

    @Override
    void close();
}
