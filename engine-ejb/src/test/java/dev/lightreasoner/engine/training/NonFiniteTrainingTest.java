package dev.lightreasoner.engine.training;

import static dev.lightreasoner.engine.training.LoraTrainingTest.examples;
import static dev.lightreasoner.engine.training.LoraTrainingTest.model;
import static dev.lightreasoner.engine.training.LoraTrainingTest.nudge;
import static dev.lightreasoner.engine.training.LoraTrainingTest.settings;
import static dev.lightreasoner.engine.training.LoraTrainingTest.trainedAdapter;
import static dev.lightreasoner.engine.training.LoraTrainingTest.values;
import static dev.lightreasoner.engine.training.SoftLabelTrainer.Packing.PADDING_FREE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.lightreasoner.engine.model.Decoder;
import dev.lightreasoner.engine.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A diverging step is refused before AdamW sees it: the weights and the step count stay as they were. */
class NonFiniteTrainingTest {
    @TempDir
    static Path dir;

    /** A non-finite loss (here: a NaN planted in the adapter) stops training with a clear error, unapplied. */
    @Test
    void nonFiniteLossStopsTrainingWithoutUpdatingTheWeights() throws IOException {
        Path folder = model(dir);
        ModelConfig cfg = ModelConfig.load(folder);
        try (Decoder decoder = Decoder.load(folder, cfg, Device.cpu());
             LoraAdapter adapter = trainedAdapter(decoder, cfg)) {
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, adapter, AdamW.defaults(adapter.parameters()),
                    settings(PADDING_FREE));
            nudge(adapter.parameters().get(1), 0, Float.NaN);
            float[][] before = values(adapter);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> trainer.step(new TrainingOrder(examples(), 42, true).batch(0, 8)));
            assertTrue(e.getMessage().startsWith("non-finite loss NaN at optimizer step 1"), e.getMessage());
            assertNothingApplied(before, adapter, trainer);
        }
    }

    /** A finite loss with a non-finite gradient is refused like a non-finite loss, before AdamW sees it. */
    @Test
    void nonFiniteGradientNormStopsTrainingWithoutUpdatingTheWeights() throws IOException {
        Path folder = model(dir);
        ModelConfig cfg = ModelConfig.load(folder);
        try (Decoder decoder = Decoder.load(folder, cfg, Device.cpu());
             LoraAdapter adapter = trainedAdapter(decoder, cfg)) {
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, adapter, AdamW.defaults(adapter.parameters()),
                    settings(PADDING_FREE));
            float[][] before = values(adapter);
            // d sqrt(u)/du at u = 0 is infinite and times du/dA = 0 gives NaN: a finite loss (0), a NaN gradient
            try (NDManager m = NDManager.newBaseManager();
                 GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray zero = adapter.parameters().get(0).mul(m.zeros(new Shape(1)));
                collector.backward(zero.sqrt().sum());
            }
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> trainer.update(0, 0.0, 0, 1, System.nanoTime()));
            assertTrue(e.getMessage().startsWith("non-finite gradient norm"), e.getMessage());
            assertNothingApplied(before, adapter, trainer);
        }
    }

    private static void assertNothingApplied(float[][] before, LoraAdapter adapter, SoftLabelTrainer trainer) {
        float[][] after = values(adapter);
        for (int i = 0; i < after.length; i++) {
            assertArrayEquals(before[i], after[i], 0f, "the failing step changed nothing");
        }
        assertEquals(0, trainer.optimizer().step(), "no optimizer update was counted");
    }
}
