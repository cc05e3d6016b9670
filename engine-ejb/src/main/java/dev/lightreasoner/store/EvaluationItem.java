package dev.lightreasoner.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** One graded benchmark item of an evaluation run; unique per (run, item). */
@Entity
@Table(name = "EVALUATION_ITEM",
        uniqueConstraints = @UniqueConstraint(name = "UK_EVALUATION_ITEM", columnNames = {"RUN_ID", "ITEM_INDEX"}))
public class EvaluationItem {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "RUN_ID", nullable = false)
    private long runId;

    @Column(name = "ITEM_INDEX", nullable = false)
    private long itemIndex;

    @Column(nullable = false, length = 65_536)
    private String question;

    @Column(nullable = false, length = 1_048_576)
    private String output;

    @Column(nullable = false, length = 4096)
    private String predicted;

    @Column(nullable = false, length = 4096)
    private String gold;

    private boolean correct;
    private int generatedTokens;

    protected EvaluationItem() {
    }

    public EvaluationItem(long runId, long itemIndex, String question, String output, String predicted, String gold,
                          boolean correct, int generatedTokens) {
        this.runId = runId;
        this.itemIndex = itemIndex;
        this.question = question;
        this.output = output;
        this.predicted = predicted.length() > 4000 ? predicted.substring(0, 4000) : predicted;
        this.gold = gold;
        this.correct = correct;
        this.generatedTokens = generatedTokens;
    }

    long runId() {
        return runId;
    }

    public long getItemIndex() {
        return itemIndex;
    }

    public String getQuestion() {
        return question;
    }

    public String getOutput() {
        return output;
    }

    public String getPredicted() {
        return predicted;
    }

    public String getGold() {
        return gold;
    }

    public boolean isCorrect() {
        return correct;
    }

    public int getGeneratedTokens() {
        return generatedTokens;
    }
}
