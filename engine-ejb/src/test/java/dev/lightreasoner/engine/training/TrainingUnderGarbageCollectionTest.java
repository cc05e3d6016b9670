package dev.lightreasoner.engine.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.lightreasoner.engine.model.Decoder;
import dev.lightreasoner.engine.model.ModelConfig;
import dev.lightreasoner.engine.model.TinyModels;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training is a function of its inputs only: the JVM's garbage collector must not reach into autograd. */
class TrainingUnderGarbageCollectionTest {
    @TempDir
    Path dir;

    /**
     * Garbage collections during training change nothing: an operand of the autograd graph that lived in a
     * Java-owned buffer (a DJL scalar) was freed by a GC before backward read it — a rare wrong gradient in
     * the server (gradient norm 4e6, then a different adapter after a resume), NaN under this stress.
     */
    @Test
    void garbageCollectionsDuringTrainingChangeNothing() throws Exception {
        Path folder = dir.resolve("base");
        TinyModels.write(folder, TinyModels.Spec.qwen2(), 3, 0.3);
        float[][] quiet = train16Steps(folder);
        Thread collector = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        collector.setDaemon(true);
        collector.start();
        try {
            for (int run = 0; run < 3; run++) {
                float[][] stressed = train16Steps(folder);
                for (int i = 0; i < quiet.length; i++) {
                    assertArrayEquals(quiet[i], stressed[i], 0f, "run " + run + ", parameter " + i);
                }
            }
        } finally {
            collector.interrupt();
        }
    }

    private static float[][] train16Steps(Path folder) throws IOException {
        ModelConfig cfg = ModelConfig.load(folder);
        TrainingOrder order = new TrainingOrder(LoraTrainingTest.examples(), 42, true);
        try (Decoder decoder = Decoder.load(folder, cfg, Device.cpu());
             LoraAdapter adapter = LoraAdapter.create(cfg, LoraConfig.defaults(), Device.cpu(), 1)) {
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, adapter, AdamW.defaults(adapter.parameters()), new SoftLabelTrainer.Settings(4, 2, 5e-3, 0, 40, 1.0,
                    SoftLabelTrainer.Packing.PADDING_FREE, 42, 256, 512));
            for (int s = 0; s < 16; s++) {
                trainer.step(order.batch(s, 8));
            }
            return adapter.parameters().stream().map(NDArray::toFloatArray).toArray(float[][]::new);
        }
    }
}
