package dev.lightreasoner.batch;

import dev.lightreasoner.service.JobMetrics;
import jakarta.batch.api.chunk.listener.AbstractChunkListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;

/** Chunk listener of every chunk step: each chunk's duration, by job and step ({@code lightreasoner_chunk_seconds}). */
@Named("chunkMetrics")
@Dependent
public class ChunkMetrics extends AbstractChunkListener {
    @Inject
    JobContext jobContext;
    @Inject
    StepContext stepContext;
    @Inject
    JobMetrics metrics;

    private long startedNanos;

    @Override
    public void beforeChunk() {
        startedNanos = System.nanoTime();
    }

    @Override
    public void afterChunk() {
        metrics.chunk(jobContext.getJobName(), stepContext.getStepName(), Duration.ofNanos(System.nanoTime() - startedNanos));
    }
}
