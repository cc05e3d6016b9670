package dev.lightreasoner.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** A sampled solution graded correct (rejection sampling for the SFT baseline); unique per (run, question, sample). */
@Entity
@Table(name = "SFT_SOLUTION", uniqueConstraints = @UniqueConstraint(name = "UK_SFT_SOLUTION",
        columnNames = {"RUN_ID", "QUESTION_INDEX", "SAMPLE_INDEX"}))
public class SftSolution {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "RUN_ID", nullable = false)
    private long runId;

    @Column(name = "QUESTION_INDEX", nullable = false)
    private long questionIndex;

    @Column(name = "SAMPLE_INDEX", nullable = false)
    private int sampleIndex;

    @Column(nullable = false, length = 1_048_576)
    private String promptIds;

    @Column(nullable = false, length = 1_048_576)
    private String trajectoryIds;

    @Column(nullable = false, length = 4096)
    private String answer;

    protected SftSolution() {
    }

    public SftSolution(long runId, long questionIndex, int sampleIndex, int[] promptIds, int[] trajectoryIds, String answer) {
        this.runId = runId;
        this.questionIndex = questionIndex;
        this.sampleIndex = sampleIndex;
        this.promptIds = IntLists.ints(promptIds);
        this.trajectoryIds = IntLists.ints(trajectoryIds);
        this.answer = answer.length() > 4000 ? answer.substring(0, 4000) : answer;
    }

    public long getQuestionIndex() {
        return questionIndex;
    }

    public int getSampleIndex() {
        return sampleIndex;
    }

    public int[] getPromptIds() {
        return IntLists.ints(promptIds);
    }

    public int[] getTrajectoryIds() {
        return IntLists.ints(trajectoryIds);
    }

    public String getAnswer() {
        return answer;
    }
}
