package dev.lightreasoner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lightreasoner.engine.ShardedParameters.Range;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shards are contiguous runs of whole batches that cover the range exactly once. */
class ShardedParametersTest {

    @Test
    void shardsAreWholeBatchesSpreadEvenly() {
        assertEquals(List.of(new Range(0, 10), new Range(10, 10), new Range(20, 10), new Range(30, 10), new Range(40, 10),
                new Range(50, 10)), ShardedParameters.split(0, 60, 6, 5));
        // 13 batches of 4 (the last one of 2) over 4 shards: 4, 3, 3, 3 batches
        assertEquals(List.of(new Range(100, 16), new Range(116, 12), new Range(128, 12), new Range(140, 10)),
                ShardedParameters.split(100, 150, 4, 4));
    }

    @Test
    void fewerShardsThanAskedWhenThereAreFewerBatches() {
        assertEquals(List.of(new Range(0, 8), new Range(8, 2)), ShardedParameters.split(0, 10, 6, 8));
        assertEquals(List.of(new Range(5, 0)), ShardedParameters.split(5, 5, 3, 8), "an empty range: one empty shard");
    }

    @Test
    void everyItemIsInExactlyOneShard() {
        for (int shards = 1; shards <= 9; shards++) {
            for (int batch = 1; batch <= 7; batch++) {
                List<Range> split = ShardedParameters.split(3, 61, shards, batch);
                long next = 3;
                for (Range r : split) {
                    assertEquals(next, r.first());
                    assertEquals(0, (r.first() - 3) % batch, "a shard starts on a batch boundary");
                    next += r.count();
                }
                assertEquals(61, next);
            }
        }
    }

    @Test
    void aShardIsNotShardedAgain() {
        assertEquals(12, ShardedParameters.checkShardOf(1, 12));
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> ShardedParameters.checkShardOf(2, 12));
        assertEquals("shards", e.parameter());
    }
}
