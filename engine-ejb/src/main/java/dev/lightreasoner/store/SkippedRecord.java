package dev.lightreasoner.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** An input record a job skipped, with the reason, so an operator can fix the file. */
@Entity
@Table(name = "SKIPPED_RECORD")
@NamedQuery(name = SkippedRecord.BY_EXECUTION,
        query = "select s from SkippedRecord s where s.executionId = :executionId order by s.lineNumber")
public class SkippedRecord {
    public static final String BY_EXECUTION = "SkippedRecord.byExecution";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "EXECUTION_ID", nullable = false)
    private long executionId;

    @Column(nullable = false, length = 64)
    private String dataset;

    @Column(name = "LINE_NUMBER", nullable = false)
    private long lineNumber;

    @Column(nullable = false, length = 1000)
    private String reason;

    protected SkippedRecord() {
    }

    public SkippedRecord(long executionId, String dataset, long lineNumber, String reason) {
        this.executionId = executionId;
        this.dataset = dataset;
        this.lineNumber = lineNumber;
        this.reason = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }

    public long getExecutionId() {
        return executionId;
    }

    public String getDataset() {
        return dataset;
    }

    public long getLineNumber() {
        return lineNumber;
    }

    public String getReason() {
        return reason;
    }
}
