package dev.lightreasoner.engine.model;

import static dev.lightreasoner.engine.Distributions.argmax;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Greedy generation with the KV cache equals the argmax of a full teacher-forced pass at every step. */
class KvCacheTest {

    @Test
    void cachedGreedyEqualsArgmaxOfFullForwardAndStopsAtStopIds() {
        try (CausalLm lm = CausalLm.load(Path.of("src/test/resources/hf-transformers/qwen3-headdim-1kv"))) {
            int[] prompt = {257, 117, 115, 101, 114, 10, 50, 43};
            int[] generated = lm.generate(prompt, 12);
            int[] sequence = new int[prompt.length + generated.length];
            System.arraycopy(prompt, 0, sequence, 0, prompt.length);
            System.arraycopy(generated, 0, sequence, prompt.length, generated.length);
            float[][] logits = lm.logits(sequence);
            for (int i = 0; i < generated.length; i++) {
                assertTrue(argmax(logits[prompt.length - 1 + i]) == generated[i], "step " + i);
            }
            // a stop id ends generation at its first occurrence and is included
            int stop = generated[2];
            int first = 0;
            while (generated[first] != stop) {
                first++;
            }
            assertArrayEquals(java.util.Arrays.copyOf(generated, first + 1), lm.generate(prompt, 12, stop));
        }
    }

    /**
     * 200 new tokens: the cache grows past its first capacities (64, then 128, then 256 positions), written in
     * place; every step still equals the full pass (where its top two logits are not a near tie).
     */
    @Test
    void aLongGenerationCrossesTheCacheGrowthsUnchanged(@TempDir Path dir) throws IOException {
        try (CausalLm lm = CausalLm.load(TinyModels.write(dir.resolve("m"), TinyModels.Spec.llama(), 3, 0.3))) {
            int[] prompt = {257, 117, 115, 101, 114, 10, 50, 43};
            int[] generated = lm.generate(prompt, 200);
            assertEquals(200, generated.length);
            int[] sequence = new int[prompt.length + generated.length];
            System.arraycopy(prompt, 0, sequence, 0, prompt.length);
            System.arraycopy(generated, 0, sequence, prompt.length, generated.length);
            float[][] logits = lm.logits(sequence);
            int checked = 0;
            for (int i = 0; i < generated.length; i++) {
                float[] row = logits[prompt.length - 1 + i];
                float[] sorted = row.clone();
                java.util.Arrays.sort(sorted);
                if (sorted[sorted.length - 1] - sorted[sorted.length - 2] > 1e-3) {
                    assertEquals(argmax(row), generated[i], "step " + i);
                    checked++;
                }
            }
            assertTrue(checked > 150, "steps compared: " + checked);
        }
    }
}
