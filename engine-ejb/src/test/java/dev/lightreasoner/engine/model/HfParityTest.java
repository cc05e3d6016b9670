package dev.lightreasoner.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * External parity: our forward must match Hugging Face transformers (float64 references) within 1e-4 at
 * every logit, and greedy generation with the KV cache must give the reference ids exactly.
 */
class HfParityTest {
    private static final Path FIXTURES = Path.of("src/test/resources");

    /** Every Hugging Face parity fixture (model folder with expected.json) under src/test/resources. */
    static Stream<String> fixtures() {
        return Stream.of("hf-parity/tiny-qwen2", "hf-parity/tiny-llama-bf16", "hf-transformers/qwen2-f32-tied",
                "hf-transformers/qwen2-bf16-sharded", "hf-transformers/llama-f16-untied",
                "hf-transformers/qwen3-headdim-1kv", "hf-numpy/llama3-rope-scaling", "hf-numpy/llama-linear-rope");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void logitsAndGreedyIdsMatchTheReference(String model) throws Exception {
        Path folder = FIXTURES.resolve(model);
        JsonNode expected = new ObjectMapper().readTree(folder.resolve("expected.json").toFile());
        try (CausalLm lm = CausalLm.load(folder, TestDevice.get())) {
            for (JsonNode c : expected.get("cases")) {
                int[] ids = ints(c.get("input_ids"));
                float[][] logits = lm.logits(ids);
                double worst = 0;
                for (int t = 0; t < ids.length; t++) {
                    JsonNode row = c.get("logits").get(t);
                    assertEquals(row.size(), logits[t].length);
                    for (int v = 0; v < row.size(); v++) {
                        worst = Math.max(worst, Math.abs(row.get(v).asDouble() - logits[t][v]));
                    }
                }
                assertTrue(worst <= 1e-4, model + ": max |logit diff| " + worst);
                assertArrayEquals(ints(c.get("greedy_16")), lm.generate(ids, 16), model);
            }
        }
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
