package dev.lightreasoner.engine.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.lightreasoner.engine.model.CausalLm;
import dev.lightreasoner.engine.model.Decoder;
import dev.lightreasoner.engine.model.ModelConfig;
import dev.lightreasoner.engine.model.TinyModels;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.engine.text.TextTokenizer;
import dev.lightreasoner.engine.training.AdamW;
import dev.lightreasoner.engine.training.CheckpointStore;
import dev.lightreasoner.engine.training.SoftLabelTrainer;
import dev.lightreasoner.engine.training.TrainingOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Full-parameter causal-LM training of a decoder from random weights (the miniature lab's pretraining). */
class PretrainingTest {
    private static final String[] QUESTIONS = {"2+5?", "3*3?"};
    private static final String[] ANSWERS = {"7<|im_end|>", "9<|im_end|>"};

    @TempDir
    static Path dir;

    private static SoftLabelTrainer.Settings settings() {
        return new SoftLabelTrainer.Settings(2, 1, 3e-3, 5, 120, 1.0, SoftLabelTrainer.Packing.TRAJECTORY, 1, 300, 512, true);
    }

    private static TrainingOrder data(TextTokenizer tok) {
        List<int[]> prompts = new ArrayList<>();
        List<int[]> answers = new ArrayList<>();
        for (int i = 0; i < QUESTIONS.length; i++) {
            prompts.add(tok.encode(ChatPrompts.CHATML.sampling(QUESTIONS[i])));
            answers.add(tok.encode(ANSWERS[i]));
        }
        return new TrainingOrder(Pretraining.examples(prompts, answers), 1, true, true);
    }

    @Test
    void learnsTheAnswersFromScratchAndItsCheckpointIsAModelFolder() throws IOException {
        Path init = TinyModels.write(dir.resolve("init"), TinyModels.Spec.qwen2(), 21, 0.02);
        ModelConfig cfg = ModelConfig.load(init);
        CheckpointStore store = new CheckpointStore(dir.resolve("run"), 2);
        try (TextTokenizer tok = TextTokenizer.load(init);
             Decoder decoder = Decoder.loadTrainable(init, cfg, Device.cpu())) {
            TrainingOrder order = data(tok);
            List<NDArray> params = new ArrayList<>(decoder.namedWeights().values());
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, null, AdamW.defaults(params), settings());
            double first = trainer.step(order.batch(0, 2)).loss();
            double last = first;
            for (int s = 1; s < 120; s++) {
                last = trainer.step(order.batch(s, 2)).loss();
            }
            assertTrue(last < 0.05 * first, "loss " + first + " -> " + last);
            store.save(120, trainer, init.toString());
        }
        try (CausalLm trained = CausalLm.load(store.folder(120)); TextTokenizer tok = TextTokenizer.load(store.folder(120))) {
            for (int i = 0; i < QUESTIONS.length; i++) {
                int[] out = trained.generate(tok.encode(ChatPrompts.CHATML.sampling(QUESTIONS[i])), 8,
                        tok.requireSpecialTokenId("<|im_end|>"));
                assertEquals(ANSWERS[i], tok.decode(out), "greedy answer of the checkpoint for " + QUESTIONS[i]);
            }
        }
    }

    @Test
    void resumingFullTrainingFromACheckpointIsBitIdentical() throws IOException {
        Path init = TinyModels.write(dir.resolve("init2"), TinyModels.Spec.qwen2(), 22, 0.02);
        ModelConfig cfg = ModelConfig.load(init);
        float[][] straight;
        try (TextTokenizer tok = TextTokenizer.load(init); Decoder decoder = Decoder.loadTrainable(init, cfg, Device.cpu())) {
            TrainingOrder order = data(tok);
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, null,
                    AdamW.defaults(new ArrayList<>(decoder.namedWeights().values())), settings());
            for (int s = 0; s < 10; s++) {
                trainer.step(order.batch(s, 2));
            }
            straight = decoder.namedWeights().values().stream().map(NDArray::toFloatArray).toArray(float[][]::new);
        }
        CheckpointStore store = new CheckpointStore(dir.resolve("run2"), 2);
        try (TextTokenizer tok = TextTokenizer.load(init); Decoder decoder = Decoder.loadTrainable(init, cfg, Device.cpu())) {
            TrainingOrder order = data(tok);
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, null,
                    AdamW.defaults(new ArrayList<>(decoder.namedWeights().values())), settings());
            for (int s = 0; s < 4; s++) {
                trainer.step(order.batch(s, 2));
            }
            store.save(4, trainer, init.toString());
        }
        try (TextTokenizer tok = TextTokenizer.load(init);
             Decoder decoder = Decoder.loadTrainable(store.folder(4), cfg, Device.cpu())) {
            TrainingOrder order = data(tok);
            AdamW opt = AdamW.defaults(new ArrayList<>(decoder.namedWeights().values()));
            store.restoreOptimizer(4, opt, new ArrayList<>(decoder.namedWeights().keySet()));
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, null, opt, settings());
            for (int s = 4; s < 10; s++) {
                trainer.step(order.batch(s, 2));
            }
            float[][] resumed = decoder.namedWeights().values().stream().map(NDArray::toFloatArray).toArray(float[][]::new);
            for (int i = 0; i < straight.length; i++) {
                assertArrayEquals(straight[i], resumed[i], 0f, "weight " + i);
            }
        }
    }
}
