package dev.lightreasoner.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * A question done by a sampling run: prompt and trajectory token ids (packed training replays them),
 * and per-question step statistics, so run statistics can be recomputed exactly after any replay.
 */
@Entity
@Table(name = "SAMPLED_QUESTION",
        uniqueConstraints = @UniqueConstraint(name = "UK_SAMPLED_QUESTION", columnNames = {"RUN_ID", "QUESTION_INDEX"}))
public class SampledQuestion {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "RUN_ID", nullable = false)
    private long runId;

    @Column(name = "QUESTION_INDEX", nullable = false)
    private long questionIndex;

    @Column(nullable = false, length = 1_048_576)
    private String promptIds;

    @Column(nullable = false, length = 1_048_576)
    private String trajectoryIds;

    private int stepsConsidered;
    private int stepsKept;
    private double klSum;

    @Column(length = 2048)
    private String klHistogram;

    private long executionId;

    protected SampledQuestion() {
    }

    public SampledQuestion(long runId, long questionIndex, int[] promptIds, int[] trajectoryIds, int stepsConsidered,
                           int stepsKept, double klSum, long[] klHistogram, long executionId) {
        this.runId = runId;
        this.questionIndex = questionIndex;
        this.promptIds = IntLists.ints(promptIds);
        this.trajectoryIds = IntLists.ints(trajectoryIds);
        this.stepsConsidered = stepsConsidered;
        this.stepsKept = stepsKept;
        this.klSum = klSum;
        this.klHistogram = IntLists.longs(klHistogram);
        this.executionId = executionId;
    }

    public long getRunId() {
        return runId;
    }

    public long getQuestionIndex() {
        return questionIndex;
    }

    public int[] getPromptIds() {
        return IntLists.ints(promptIds);
    }

    public int[] getTrajectoryIds() {
        return IntLists.ints(trajectoryIds);
    }

    public int getStepsConsidered() {
        return stepsConsidered;
    }

    public int getStepsKept() {
        return stepsKept;
    }

    public double getKlSum() {
        return klSum;
    }

    public long[] getKlHistogram() {
        return IntLists.longs(klHistogram);
    }

    public long getExecutionId() {
        return executionId;
    }
}
