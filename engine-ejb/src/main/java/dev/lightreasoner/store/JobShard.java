package dev.lightreasoner.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One shard of a sharded run: the database, not the message queue, decides who runs it. A message names a shard and
 * its epoch; a node runs it only if it wins the conditional claim of that epoch ({@link ShardStore#claim}), so a
 * duplicate or stale message (one left in a dead node's journal and delivered after its return) is only acknowledged.
 * The plan belongs to the parent's job instance: a restarted parent keeps the shards that are done.
 */
@Entity
@Table(name = "JOB_SHARD",
        uniqueConstraints = @UniqueConstraint(name = "UK_JOB_SHARD", columnNames = {"parentInstance", "shardIndex"}))
public class JobShard {
    /** Waiting for a node (a message is on the queue). */
    public static final String QUEUED = "QUEUED";
    /** A node won the claim and is starting its execution. */
    public static final String CLAIMED = "CLAIMED";
    /** Its execution runs (or ended: the execution's status tells). */
    public static final String RUNNING = "RUNNING";
    /** Its execution completed. */
    public static final String DONE = "DONE";
    /** Failed past its attempts, or could not be started: the parent fails. */
    public static final String FAILED = "FAILED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private long id;

    /** the sharded run's job instance: the run (or evaluation) every shard writes into */
    @Column(nullable = false)
    private long parentInstance;

    @Column(nullable = false)
    private int shardIndex;

    @Column(nullable = false, length = 64)
    private String job;

    @Column(nullable = false)
    private long firstItem;

    @Column(nullable = false)
    private long itemCount;

    /** the shard execution's parameters (java.util.Properties text): the parent's with this shard's range */
    @Column(nullable = false, length = 8000)
    private String parameters;

    @Column(nullable = false, length = 16)
    private String state;

    /** raised for every new attempt: a message of an older epoch can no longer claim the shard */
    @Column(nullable = false)
    private int epoch;

    /** who claimed the current attempt: node name + "/" + boot id (ServerIdentity) */
    @Column(length = 200)
    private String owner;

    /** the latest execution that ran it (a new attempt restarts it from its checkpoint) */
    private Long executionId;

    @Column(nullable = false)
    private int attempts;

    @Column(length = 1000)
    private String message;

    @Column(nullable = false)
    private Instant updatedAt;

    protected JobShard() {
    }

    public JobShard(long parentInstance, int shardIndex, String job, long firstItem, long itemCount,
                    Map<String, String> parameters) {
        this.parentInstance = parentInstance;
        this.shardIndex = shardIndex;
        this.job = job;
        this.firstItem = firstItem;
        this.itemCount = itemCount;
        this.parameters = text(parameters);
        this.state = QUEUED;
        this.updatedAt = Instant.now();
    }

    public long getId() {
        return id;
    }

    public long getParentInstance() {
        return parentInstance;
    }

    public int getShardIndex() {
        return shardIndex;
    }

    public String getJob() {
        return job;
    }

    public long getFirstItem() {
        return firstItem;
    }

    public long getItemCount() {
        return itemCount;
    }

    /** The parameters its executions start with. */
    public Map<String, String> getParameters() {
        return map(parameters);
    }

    static String text(Map<String, String> parameters) {
        Properties p = new Properties();
        p.putAll(parameters);
        StringWriter out = new StringWriter();
        try {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static Map<String, String> map(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(name -> out.put(name, p.getProperty(name)));
        return out;
    }

    public String getState() {
        return state;
    }

    public int getEpoch() {
        return epoch;
    }

    public String getOwner() {
        return owner;
    }

    public Long getExecutionId() {
        return executionId;
    }

    public int getAttempts() {
        return attempts;
    }

    public String getMessage() {
        return message;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
