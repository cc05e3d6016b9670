package dev.lightreasoner.batch;

import dev.lightreasoner.engine.ops.ExecutionLog;
import jakarta.batch.api.chunk.listener.ChunkListener;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.MDC;

/**
 * Tags every log line a job writes with its execution id ({@code [execution N]}, printed by the server's log
 * pattern), so {@code GET executions/{id}/log} can find them. A job listener of every job (the job's thread) and a
 * chunk listener of every chunk step (partition threads run chunks on their own threads).
 */
@Named("executionLogContext")
@Dependent
public class ExecutionLogContext implements JobListener, ChunkListener {
    @Inject
    JobContext jobContext;

    private Object previous;

    @Override
    public void beforeJob() {
        tag();
    }

    @Override
    public void afterJob() {
        MDC.remove(ExecutionLog.CONTEXT_KEY);
    }

    @Override
    public void beforeChunk() {
        previous = MDC.get(ExecutionLog.CONTEXT_KEY);
        tag();
    }

    @Override
    public void onError(Exception ex) {
        // left tagged: the lines that report the error come after this
    }

    /** Back to what the thread had: the job's tag on the job's thread, nothing on a pooled partition thread. */
    @Override
    public void afterChunk() {
        if (previous == null) {
            MDC.remove(ExecutionLog.CONTEXT_KEY);
        } else {
            MDC.put(ExecutionLog.CONTEXT_KEY, previous);
        }
    }

    private void tag() {
        MDC.put(ExecutionLog.CONTEXT_KEY, ExecutionLog.tag(jobContext.getExecutionId()));
    }
}
