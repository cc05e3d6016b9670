package dev.lightreasoner.service;

import dev.lightreasoner.store.JobShard;
import dev.lightreasoner.store.ShardStore;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the shards this node takes from the queue. For each message: claim the shard at the message's epoch (a lost
 * claim — a duplicate, or a stale message a dead node kept — is only acknowledged), start its execution here (or
 * restart its failed one from the checkpoint), and wait until that execution ends, so that a node runs at most
 * {@code lightreasoner.shards.per.node} shards at once (sessions of this consumer; one message each, none prefetched).
 * No transaction: a shard runs for hours; the message is acknowledged when it returns. Never throws (a thrown
 * exception would redeliver the message): a shard that cannot be started is recorded on its row for the parent.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = ShardQueue.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${lightreasoner.shards.per.node:1}"),
        @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0")})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ShardConsumer implements MessageListener {
    private static final Logger LOG = Logger.getLogger(ShardConsumer.class.getName());
    private static final List<String> RUNNING = List.of("STARTING", "STARTED", "STOPPING");

    @EJB
    ShardStore shards;
    @EJB
    BatchJobs jobs;

    @Override
    public void onMessage(Message message) {
        long id;
        int epoch;
        try {
            MapMessage m = (MapMessage) message;
            id = m.getLong(ShardQueue.SHARD);
            epoch = m.getInt(ShardQueue.EPOCH);
        } catch (JMSException | ClassCastException e) {
            LOG.warning("not a shard message, dropped: " + message);
            return;
        }
        try {
            run(id, epoch);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "shard " + id + " (epoch " + epoch + ") could not run", e);
        }
    }

    private void run(long id, int epoch) {
        if (!shards.claim(id, epoch, ServerIdentity.owner())) {
            return;                                            // taken by another node, or superseded
        }
        JobShard s = shards.find(id);
        long execution;
        try {
            execution = start(s);
        } catch (RuntimeException e) {
            shards.failed(id, epoch, "shard " + s.getShardIndex() + " could not be started on " + ServerIdentity.node()
                    + ": " + e.getMessage());
            return;
        }
        if (!shards.running(id, epoch, execution)) {
            // the parent gave this claim up meanwhile (it took too long to start): the shard is queued again
            LOG.warning("shard " + s.getShardIndex() + " was queued again while execution " + execution
                    + " started: stopping it");
            stopQuietly(execution);
            return;
        }
        LOG.info("shard " + s.getShardIndex() + " of " + s.getJob() + " run " + s.getParentInstance() + " (items ["
                + s.getFirstItem() + ", " + (s.getFirstItem() + s.getItemCount()) + "), attempt " + (s.getAttempts() + 1)
                + ") runs as execution " + execution);
        awaitEnd(execution);
    }

    /**
     * The execution that runs this attempt: the shard's instance's latest execution if that still runs or completed
     * (a restart the server made itself, e.g. on resume: adopted, never run twice), else a restart of it from its
     * checkpoint, else (restart refused: this node's job repository cache may still show a crashed node's execution
     * as running, while the database says it failed) a new execution — rows are replaced per question, so running the
     * shard from its start loses and duplicates nothing.
     */
    private long start(JobShard s) {
        if (s.getExecutionId() != null) {
            long latest = shards.latestExecution(s.getExecutionId());
            String[] status = shards.executionStatuses(List.of(latest)).get(latest);
            if (status != null && (RUNNING.contains(status[0]) || "COMPLETED".equals(status[0]))) {
                return latest;
            }
            try {
                return jobs.restart(latest, Map.of());
            } catch (RuntimeException refused) {
                LOG.warning("shard " + s.getShardIndex() + ": restart of execution " + latest + " refused ("
                        + refused.getMessage() + "); starting it afresh");
            }
        }
        return jobs.start(s.getJob(), s.getParameters());
    }

    private void stopQuietly(long execution) {
        try {
            jobs.stop(execution);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not stop execution " + execution, e);
        }
    }

    private void awaitEnd(long execution) {
        while (true) {
            String[] status = shards.executionStatuses(List.of(execution)).get(execution);
            if (status == null || !RUNNING.contains(status[0])) {
                return;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
