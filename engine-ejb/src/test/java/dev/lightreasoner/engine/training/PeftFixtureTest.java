package dev.lightreasoner.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightreasoner.engine.model.Decoder;
import dev.lightreasoner.engine.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shipped PEFT cross-check fixture is what our engine computes: the adapter file, loaded back through
 * its PEFT names and adapter_config.json, reproduces ours.json (which check_peft_adapter.py compares with PEFT).
 */
class PeftFixtureTest {
    private static final Path FIXTURE = Path.of("src/test/resources/peft-check");

    @Test
    void shippedAdapterReproducesTheRecordedLogits() throws IOException {
        JsonNode ours = new ObjectMapper().readTree(FIXTURE.resolve("ours.json").toFile());
        int[] ids = new int[ours.get("input_ids").size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ours.get("input_ids").get(i).asInt();
        }
        Path base = FIXTURE.resolve("base");
        ModelConfig cfg = ModelConfig.load(base);
        try (Decoder decoder = Decoder.load(base, cfg, Device.cpu());
             LoraAdapter adapter = LoraAdapter.load(FIXTURE.resolve("adapter"), cfg,
                     LoraAdapter.readConfig(FIXTURE.resolve("adapter")), Device.cpu());
             NDManager m = NDManager.newBaseManager()) {
            boolean[][] real = new boolean[1][ids.length];
            java.util.Arrays.fill(real[0], true);
            float[] logits = decoder.logits(decoder.forward(m, new int[][] {ids}, real, decoder.newCache(), adapter)
                    .squeeze(0)).toFloatArray();
            int v = cfg.vocabSize();
            for (int t = 0; t < ids.length; t++) {
                for (int k = 0; k < v; k++) {
                    assertEquals(ours.get("logits").get(t).get(k).asDouble(), logits[t * v + k], 1e-5, "position " + t);
                }
            }
        }
    }
}
