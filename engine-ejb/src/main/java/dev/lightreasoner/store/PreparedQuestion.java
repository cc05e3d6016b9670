package dev.lightreasoner.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * A question of a prepared dataset with its sampling prompt as ChatML renders it (shown by the API; sample and
 * sft-sample render the question again with the expert's own chat template); unique per (dataset, index).
 */
@Entity
@Table(name = "PREPARED_QUESTION",
        uniqueConstraints = @UniqueConstraint(name = "UK_PREPARED_QUESTION", columnNames = {"DATASET", "QUESTION_INDEX"}))
@NamedQuery(name = PreparedQuestion.BY_KEY,
        query = "select q from PreparedQuestion q where q.dataset = :dataset and q.questionIndex = :index")
@NamedQuery(name = PreparedQuestion.COUNT,
        query = "select count(q) from PreparedQuestion q where q.dataset = :dataset")
@NamedQuery(name = PreparedQuestion.DATASETS,
        query = "select q.dataset, count(q) from PreparedQuestion q group by q.dataset order by q.dataset")
public class PreparedQuestion {
    public static final String BY_KEY = "PreparedQuestion.byKey";
    public static final String COUNT = "PreparedQuestion.count";
    public static final String DATASETS = "PreparedQuestion.datasets";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "DATASET", nullable = false, length = 64)
    private String dataset;

    /** 0-based line index in the source file. */
    @Column(name = "QUESTION_INDEX", nullable = false)
    private long questionIndex;

    // long text as a wide varchar, not @Lob: the same mapping on H2 and PostgreSQL (where @Lob would be an oid)
    @Column(nullable = false, length = 1_048_576)
    private String question;

    @Column(name = "GOLD_ANSWER", nullable = false, length = 512)
    private String goldAnswer;

    @Column(nullable = false, length = 1_048_576)
    private String prompt;

    /** The job execution that last wrote this row. */
    @Column(name = "EXECUTION_ID", nullable = false)
    private long executionId;

    protected PreparedQuestion() {
    }

    public PreparedQuestion(String dataset, long questionIndex, String question, String goldAnswer, String prompt) {
        this.dataset = dataset;
        this.questionIndex = questionIndex;
        this.question = question;
        this.goldAnswer = goldAnswer;
        this.prompt = prompt;
    }

    /** Copies the content of a freshly prepared row onto this stored one. */
    void updateFrom(PreparedQuestion fresh) {
        this.question = fresh.question;
        this.goldAnswer = fresh.goldAnswer;
        this.prompt = fresh.prompt;
        this.executionId = fresh.executionId;
    }

    public Long getId() {
        return id;
    }

    public String getDataset() {
        return dataset;
    }

    public long getQuestionIndex() {
        return questionIndex;
    }

    public String getQuestion() {
        return question;
    }

    public String getGoldAnswer() {
        return goldAnswer;
    }

    public String getPrompt() {
        return prompt;
    }

    public long getExecutionId() {
        return executionId;
    }

    public void setExecutionId(long executionId) {
        this.executionId = executionId;
    }
}
