package dev.lightreasoner.service;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.jms.Queue;

/**
 * Hands shards out: one message per shard attempt on the cluster-wide queue {@value #QUEUE} (the server's messaging,
 * server-config/cli/messaging.cli; clustered by cluster.cli). Sent outside any transaction, after the shard's row is
 * committed: a message names a row that exists. A message says only which shard and which epoch.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ShardQueue {
    public static final String QUEUE = "java:/jms/queue/LrShards";
    static final String SHARD = "shard";
    static final String EPOCH = "epoch";

    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory factory;
    @Resource(lookup = QUEUE)
    Queue queue;

    /**
     * Sends the shard's message. A failed send is logged, not thrown: the shard stays queued in the database and the
     * parent sends again after {@code lightreasoner.shards.resend.seconds}.
     */
    public void send(long shardId, int epoch) {
        try (JMSContext context = factory.createContext()) {
            MapMessage m = context.createMapMessage();
            m.setLong(SHARD, shardId);
            m.setInt(EPOCH, epoch);
            context.createProducer().send(queue, m);
        } catch (jakarta.jms.JMSException | jakarta.jms.JMSRuntimeException e) {
            java.util.logging.Logger.getLogger(ShardQueue.class.getName()).log(java.util.logging.Level.WARNING,
                    "cannot send shard " + shardId + " (epoch " + epoch + "); it is sent again later", e);
        }
    }
}
