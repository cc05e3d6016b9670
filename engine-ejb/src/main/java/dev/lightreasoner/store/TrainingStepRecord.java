package dev.lightreasoner.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** One optimizer step of a training run (for the loss curve); unique per (run, step). */
@Entity
@Table(name = "TRAINING_STEP",
        uniqueConstraints = @UniqueConstraint(name = "UK_TRAINING_STEP", columnNames = {"RUN_ID", "STEP"}))
public class TrainingStepRecord {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "RUN_ID", nullable = false)
    private long runId;

    @Column(name = "STEP", nullable = false)
    private long step;

    private double loss;
    private double gradNorm;
    private double learningRate;
    private long forwardTokens;
    private int examples;
    private long millis;

    protected TrainingStepRecord() {
    }

    public TrainingStepRecord(long runId, long step, double loss, double gradNorm, double learningRate,
                              long forwardTokens, int examples, long millis) {
        this.runId = runId;
        this.step = step;
        this.loss = loss;
        this.gradNorm = gradNorm;
        this.learningRate = learningRate;
        this.forwardTokens = forwardTokens;
        this.examples = examples;
        this.millis = millis;
    }

    long runId() {
        return runId;
    }

    public long getStep() {
        return step;
    }

    public double getLoss() {
        return loss;
    }

    public double getGradNorm() {
        return gradNorm;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public long getForwardTokens() {
        return forwardTokens;
    }

    public int getExamples() {
        return examples;
    }

    public long getMillis() {
        return millis;
    }
}
