package dev.lightreasoner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lightreasoner.engine.model.Precision;
import dev.lightreasoner.engine.model.TinyModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One loaded model per (folder, device, precision), shared by its users and closed by the last one. */
class LoadedModelsTest {
    @TempDir
    Path folder;

    @Test
    void eachPrecisionIsItsOwnSharedModel() throws Exception {
        TinyModels.write(folder, TinyModels.Spec.qwen2(), 7, 0.5);
        LoadedModels models = new LoadedModels();
        try (LoadedModels.Lease a = models.acquire(folder, "cpu", "fp32");
             LoadedModels.Lease b = models.acquire(folder, "cpu", "fp32");
             LoadedModels.Lease half = models.acquire(folder, "cpu", "fp16")) {
            assertSame(a.model(), b.model(), "the same folder, device and precision is loaded once");
            assertNotSame(a.model(), half.model());
            assertEquals(Precision.FP32, a.model().precision());
            assertEquals(Precision.FP16, half.model().precision());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> models.acquire(folder, "cpu", "bf16"));
        assertTrue(e.getMessage().contains("precision 'bf16'"), e.getMessage());
    }
}
