package dev.lightreasoner.engine;

import dev.lightreasoner.engine.data.DataRoot;
import java.util.ArrayList;
import java.util.List;

/**
 * Parameters of a job that can run sharded (sample, evaluate): with {@code shards} above 1 its item range is split
 * into contiguous shards, each run as its own execution of the same job (with {@code shardOf} naming the run it writes
 * into) on whichever node of the cluster takes it.
 */
public interface ShardedParameters {
    int shards();

    /** For a shard: the run (job instance) it writes into; 0 for an ordinary execution. */
    long shardOf();

    int batchSize();

    /** The items [first, end) the job covers. */
    long[] itemRange(DataRoot root);

    /** A shard is never sharded again. */
    static long checkShardOf(int shards, long shardOf) {
        if (shardOf > 0 && shards > 1) {
            throw new InvalidParameterException("shards", "a shard (shardOf=" + shardOf + ") runs as one: " + shards);
        }
        return shardOf;
    }

    /** One shard: items [first, first + count). */
    record Range(long first, long count) {
    }

    /**
     * Splits [first, end) into at most {@code shards} contiguous shards of whole batches (batch sizes differ by at most
     * one between shards, the last batch may be short): every batch is the batch an unsharded run forms, so a sharded
     * run computes exactly what it would. Fewer shards than asked when there are fewer batches.
     */
    static List<Range> split(long first, long end, int shards, int batchSize) {
        long items = Math.max(0, end - first);
        long batches = (items + batchSize - 1) / batchSize;
        int n = (int) Math.min(shards, Math.max(1, batches));
        List<Range> out = new ArrayList<>(n);
        long start = first;
        for (int i = 0; i < n; i++) {
            long shardBatches = batches / n + (i < batches % n ? 1 : 0);
            long stop = Math.min(end, start + shardBatches * batchSize);
            out.add(new Range(start, stop - start));
            start = stop;
        }
        return out;
    }
}
