package dev.lightreasoner.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * A kept step: prompt + the first {@code step} trajectory tokens (the prefix), and the contrastive soft
 * label for the next token (ids ascending, weights summing to 1). Unique per (run, question, step).
 */
@Entity
@Table(name = "SAMPLE",
        uniqueConstraints = @UniqueConstraint(name = "UK_SAMPLE", columnNames = {"RUN_ID", "QUESTION_INDEX", "STEP"}),
        indexes = @Index(name = "IX_SAMPLE_KL", columnList = "RUN_ID, KL"))
public class Sample {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "RUN_ID", nullable = false)
    private long runId;

    @Column(name = "QUESTION_INDEX", nullable = false)
    private long questionIndex;

    @Column(name = "STEP", nullable = false)
    private int step;

    /** The assistant prefix's token ids (the prompt's are on the SampledQuestion). */
    @Column(nullable = false, length = 1_048_576)
    private String prefixIds;

    @Column(nullable = false, length = 1_048_576)
    private String tokenIds;

    @Column(nullable = false, length = 4_194_304)
    private String weights;

    @Column(name = "KL", nullable = false)
    private double kl;

    protected Sample() {
    }

    public Sample(long runId, long questionIndex, int step, int[] prefixIds, int[] tokenIds, double[] weights, double kl) {
        this.runId = runId;
        this.questionIndex = questionIndex;
        this.step = step;
        this.prefixIds = IntLists.ints(prefixIds);
        this.tokenIds = IntLists.ints(tokenIds);
        this.weights = IntLists.doubles(weights);
        this.kl = kl;
    }

    public long getRunId() {
        return runId;
    }

    public long getQuestionIndex() {
        return questionIndex;
    }

    public int getStep() {
        return step;
    }

    public int[] getPrefixIds() {
        return IntLists.ints(prefixIds);
    }

    public int[] getTokenIds() {
        return IntLists.ints(tokenIds);
    }

    public double[] getWeights() {
        return IntLists.doubles(weights);
    }

    public double getKl() {
        return kl;
    }
}
