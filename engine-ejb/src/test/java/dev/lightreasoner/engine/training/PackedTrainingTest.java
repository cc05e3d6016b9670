package dev.lightreasoner.engine.training;

import static dev.lightreasoner.engine.training.LoraTrainingTest.lossAndGrads;
import static dev.lightreasoner.engine.training.LoraTrainingTest.model;
import static dev.lightreasoner.engine.training.LoraTrainingTest.settings;
import static dev.lightreasoner.engine.training.LoraTrainingTest.trainedAdapter;
import static dev.lightreasoner.engine.training.SoftLabelTrainer.Packing.PADDING_FREE;
import static dev.lightreasoner.engine.training.SoftLabelTrainer.Packing.PER_EXAMPLE;
import static dev.lightreasoner.engine.training.SoftLabelTrainer.Packing.TRAJECTORY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.lightreasoner.engine.model.Decoder;
import dev.lightreasoner.engine.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ways a micro-batch becomes forward rows give the loss and gradients of one forward per example. */
class PackedTrainingTest {
    @TempDir
    static Path dir;

    /** By trajectory (one sequence per trajectory) gives the loss and gradients of one sequence per example. */
    @Test
    void trajectoryPackingEqualsSeparateExamples() throws IOException {
        Path folder = model(dir);
        ModelConfig cfg = ModelConfig.load(folder);
        try (Decoder decoder = Decoder.load(folder, cfg, Device.cpu());
             LoraAdapter adapter = trainedAdapter(decoder, cfg, 0.0)) {
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, adapter, AdamW.defaults(adapter.parameters()),
                    settings(TRAJECTORY));
            List<TrainingExample> batch = LoraTrainingTest.examples();
            float[][] packedGrads = new float[adapter.parameters().size()][];
            float[][] separateGrads = new float[adapter.parameters().size()][];
            double packedLoss = lossAndGrads(trainer, batch, TRAJECTORY, -1, packedGrads);
            double separateLoss = lossAndGrads(trainer, batch, PER_EXAMPLE, -1, separateGrads);
            assertEquals(separateLoss, packedLoss, 1e-5);
            for (int i = 0; i < packedGrads.length; i++) {
                assertArrayEquals(separateGrads[i], packedGrads[i], 1e-5f, "parameter " + i);
            }
            // by trajectory: one sequence per trajectory, (6+9) + (7+9) + (8+4); separate: (6+2)+(6+5)+(6+9)+...
            assertEquals(43, trainer.layout(batch, TRAJECTORY).tokens());
            assertEquals(83, trainer.layout(batch, PER_EXAMPLE).tokens());
            assertEquals(7 * 16, trainer.layout(batch, PER_EXAMPLE).paddedTokens(), "7 rows padded to the longest");
        }
    }

    /**
     * Padding-free packing (examples end to end, block-diagonal attention, positions restarting) gives the loss
     * and every LoRA gradient of one forward per example, with dropout on: each example keeps its own masks.
     */
    @Test
    void paddingFreePackingEqualsOneForwardPerExampleWithDropoutOn() throws IOException {
        Path folder = model(dir);
        ModelConfig cfg = ModelConfig.load(folder);
        List<TrainingExample> batch = mixedLengths();
        try (Decoder decoder = Decoder.load(folder, cfg, Device.cpu());
             LoraAdapter adapter = trainedAdapter(decoder, cfg, 0.3)) {
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, adapter, AdamW.defaults(adapter.parameters()),
                    settings(PADDING_FREE));
            SoftLabelTrainer.Layout packed = trainer.layout(batch, PADDING_FREE);
            assertTrue(packed.rows().size() < batch.size(), "several examples share a row: " + packed.rows().size());
            assertEquals(packed.tokens(), trainer.layout(batch, PER_EXAMPLE).tokens());
            assertTrue(packed.paddedTokens() < trainer.layout(batch, PER_EXAMPLE).paddedTokens());
            float[][] packedGrads = new float[adapter.parameters().size()][];
            float[][] separateGrads = new float[adapter.parameters().size()][];
            double packedLoss = lossAndGrads(trainer, batch, PADDING_FREE, 77, packedGrads);
            double separateLoss = lossAndGrads(trainer, batch, PER_EXAMPLE, 77, separateGrads);
            assertEquals(separateLoss, packedLoss, 1e-5);
            for (int i = 0; i < packedGrads.length; i++) {
                assertArrayEquals(separateGrads[i], packedGrads[i], 1e-5f, "parameter " + i);
            }
            // the masks are really on: another dropout seed, another loss
            float[][] otherGrads = new float[adapter.parameters().size()][];
            assertTrue(Math.abs(lossAndGrads(trainer, batch, PADDING_FREE, 78, otherGrads) - packedLoss) > 1e-4);
            assertTrue(Math.abs(lossAndGrads(trainer, batch, PADDING_FREE, -1, otherGrads) - packedLoss) > 1e-4);
        }
    }

    /** Examples of very different lengths, as a sampling run gives them (early and late steps, short prompts). */
    static List<TrainingExample> mixedLengths() {
        Random r = new Random(6);
        List<TrainingExample> out = new ArrayList<>();
        for (int q = 0; q < 3; q++) {
            int[] prompt = new int[4 + q];
            int[] trajectory = new int[14];
            for (int i = 0; i < prompt.length; i++) {
                prompt[i] = 40 + r.nextInt(60);
            }
            for (int i = 0; i < trajectory.length; i++) {
                trajectory[i] = 40 + r.nextInt(60);
            }
            for (int step : new int[] {1, 2, 12}) {
                out.add(new TrainingExample(q, step, prompt, java.util.Arrays.copyOf(trajectory, step),
                        new int[] {trajectory[step], 71 + q}, new double[] {0.8, 0.2}));
            }
        }
        return out;
    }
}
