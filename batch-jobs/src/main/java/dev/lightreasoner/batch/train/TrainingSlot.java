package dev.lightreasoner.batch.train;

import dev.lightreasoner.service.TrainingLock;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;

/**
 * A training job's first step: waits in the server's queue for the one training slot (the API shows the execution
 * as queued meanwhile), then holds it through the training steps: their reader gives it back when they end (the
 * finishing step needs no GradientCollector), and this job listener on any other ending. A stop while queued leaves
 * the queue and ends the execution STOPPED; a restart queues again.
 */
@Named
@Dependent
public class TrainingSlot extends AbstractBatchlet implements JobListener {
    private static final Logger LOG = Logger.getLogger(TrainingSlot.class.getName());
    private static final long POLL_MILLIS = 500;

    @Inject
    JobContext jobContext;
    @EJB
    TrainingLock lock;

    private volatile boolean stopRequested;

    @Override
    public String process() throws InterruptedException {
        long execution = jobContext.getExecutionId();
        boolean said = false;
        while (!lock.tryAcquire(execution)) {
            if (stopRequested) {
                lock.release(execution);
                return "STOPPED while queued for the training slot";
            }
            if (!said) {
                LOG.info("execution " + execution + " is queued for the training slot behind execution "
                        + lock.queuedBehind(execution));
                said = true;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return "TRAINING SLOT";
    }

    @Override
    public void stop() {
        stopRequested = true;
    }

    @Override
    public void beforeJob() {
    }

    @Override
    public void afterJob() {
        lock.release(jobContext.getExecutionId());
    }
}
