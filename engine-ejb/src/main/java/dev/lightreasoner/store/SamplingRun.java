package dev.lightreasoner.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One sampling run = one job instance (restarts continue the same run): what was sampled with which models
 * and settings, and its statistics once summarised. Imported sample sets are runs too (kind IMPORTED).
 */
@Entity
@Table(name = "SAMPLING_RUN")
public class SamplingRun {
    public static final int HISTOGRAM_BINS = 51;      // 0.1-wide bins on [0, 5.0), then overflow

    /** The job instance id. */
    @Id
    private long id;

    @Column(nullable = false, length = 16)
    private String kind;

    @Column(nullable = false, length = 64)
    private String dataset;

    @Column(nullable = false, length = 1024)
    private String expert;

    @Column(length = 1024)
    private String amateur;

    private double alpha;
    private double beta;
    private int maxNewTokens;
    private long firstQuestion;
    private long questionLimit;

    @Column(nullable = false)
    private Instant createdAt;

    private Instant summarizedAt;
    private long questionsDone;
    private long stepsConsidered;
    private long stepsKept;
    private double meanKl;

    @Column(length = 2048)
    private String klHistogram;

    protected SamplingRun() {
    }

    public SamplingRun(long id, String kind, String dataset, String expert, String amateur, double alpha, double beta,
                       int maxNewTokens, long firstQuestion, long questionLimit) {
        this.id = id;
        this.kind = kind;
        this.dataset = dataset;
        this.expert = expert;
        this.amateur = amateur;
        this.alpha = alpha;
        this.beta = beta;
        this.maxNewTokens = maxNewTokens;
        this.firstQuestion = firstQuestion;
        this.questionLimit = questionLimit;
        this.createdAt = Instant.now();
    }

    void summarize(RunStatistics stats) {
        this.questionsDone = stats.questionsDone();
        this.stepsConsidered = stats.stepsConsidered();
        this.stepsKept = stats.stepsKept();
        this.meanKl = stats.meanKl();
        this.klHistogram = IntLists.longs(stats.klHistogram());
        this.summarizedAt = Instant.now();
    }

    public long getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public String getDataset() {
        return dataset;
    }

    public String getExpert() {
        return expert;
    }

    public String getAmateur() {
        return amateur;
    }

    public double getAlpha() {
        return alpha;
    }

    public double getBeta() {
        return beta;
    }

    public int getMaxNewTokens() {
        return maxNewTokens;
    }

    public long getFirstQuestion() {
        return firstQuestion;
    }

    public long getQuestionLimit() {
        return questionLimit;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSummarizedAt() {
        return summarizedAt;
    }

    public long getQuestionsDone() {
        return questionsDone;
    }

    public long getStepsConsidered() {
        return stepsConsidered;
    }

    public long getStepsKept() {
        return stepsKept;
    }

    public double getMeanKl() {
        return meanKl;
    }

    public long[] getKlHistogram() {
        return IntLists.longs(klHistogram);
    }
}
