package dev.lightreasoner.engine.training;

import static dev.lightreasoner.engine.training.SoftLabelTrainer.Packing.PADDING_FREE;
import static dev.lightreasoner.engine.training.SoftLabelTrainer.Packing.PER_EXAMPLE;
import static dev.lightreasoner.engine.training.SoftLabelTrainer.Packing.TRAJECTORY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.lightreasoner.engine.model.SafeTensors;
import dev.lightreasoner.engine.model.TinyModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraTrainingTest {
    private static final int LABEL_VOCAB = 256;   // byte-level tokenizer: ordinary tokens are the 256 bytes

    @TempDir
    static Path dir;

    private static Path model() throws IOException {
        return model(dir);
    }

    /** The tiny random base model of these tests, written once into {@code folder}'s "base". */
    static Path model(Path into) throws IOException {
        Path folder = into.resolve("base");
        if (!Files.exists(folder.resolve("config.json"))) {
            TinyModels.write(folder, TinyModels.Spec.qwen2(), 3, 0.3);
        }
        return folder;
    }

    static SoftLabelTrainer.Settings settings(SoftLabelTrainer.Packing packing) {
        return new SoftLabelTrainer.Settings(4, 2, 5e-3, 0, 40, 1.0, packing, 42, LABEL_VOCAB, 512);
    }

    /** Two trajectories with nested prefixes and soft labels, plus one from a third. */
    static List<TrainingExample> examples() {
        Random r = new Random(5);
        List<TrainingExample> out = new ArrayList<>();
        for (int q = 0; q < 3; q++) {
            int[] prompt = new int[6 + q];
            for (int i = 0; i < prompt.length; i++) {
                prompt[i] = 40 + r.nextInt(60);
            }
            int[] trajectory = new int[10];
            for (int i = 0; i < trajectory.length; i++) {
                trajectory[i] = 40 + r.nextInt(60);
            }
            for (int step : q == 2 ? new int[] {4} : new int[] {2, 5, 9}) {
                out.add(new TrainingExample(q, step, prompt, java.util.Arrays.copyOf(trajectory, step),
                        new int[] {trajectory[step], 70 + q, 257}, new double[] {0.7, 0.2, 0.1}));
            }
        }
        return out;
    }

    /** Spec §6.3 toy batch: batchmean loss 0.7052515918. */
    @Test
    void toyBatchLossOfTheSpecification() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1, 0.5f, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0}, new Shape(2, 6));
            NDArray loss = SoftLabelLoss.sum(logits, new int[][] {{0, 1}, {2}},
                    new double[][] {{0.9241418200, 0.0758581800}, {1.0}}, 6, 2);
            assertEquals(0.7052515918, loss.getFloat(), 1e-6);
        }
    }

    @Test
    void freshAdapterLeavesTheBaseModelUnchanged() throws IOException {
        Path folder = model();
        ModelConfig cfg = ModelConfig.load(folder);
        try (Decoder decoder = Decoder.load(folder, cfg, Device.cpu());
             LoraAdapter adapter = LoraAdapter.create(cfg, LoraConfig.defaults(), Device.cpu(), 1);
             NDManager m = NDManager.newBaseManager()) {
            int[][] ids = {{257, 50, 51, 52, 53, 10}};
            boolean[][] real = {{true, true, true, true, true, true}};
            float[] base = decoder.logits(decoder.forward(m, ids, real, decoder.newCache()).squeeze(0)).toFloatArray();
            float[] adapted = decoder.logits(decoder.forward(m, ids, real, decoder.newCache(), adapter).squeeze(0)).toFloatArray();
            assertArrayEquals(base, adapted, 0f);
        }
    }

    /** Analytic gradients (autograd through our decoder) against central finite differences of the loss. */
    @Test
    void gradientsMatchFiniteDifferences() throws IOException {
        Path folder = model();
        ModelConfig cfg = ModelConfig.load(folder);
        try (Decoder decoder = Decoder.load(folder, cfg, Device.cpu());
             LoraAdapter adapter = trainedAdapter(decoder, cfg)) {
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, adapter, AdamW.defaults(adapter.parameters()), settings(PADDING_FREE));
            List<TrainingExample> batch = examples();
            float[][] grads = new float[adapter.parameters().size()][];
            lossAndGrads(trainer, batch, PADDING_FREE, -1, grads);
            Random r = new Random(9);
            float h = 1e-2f;
            for (int check = 0; check < 8; check++) {
                int p = r.nextInt(grads.length);
                int index = r.nextInt(grads[p].length);
                NDArray param = adapter.parameters().get(p);
                nudge(param, index, h);
                double plus = lossOnly(trainer, batch);
                nudge(param, index, -2 * h);
                double minus = lossOnly(trainer, batch);
                nudge(param, index, h);
                double numeric = (plus - minus) / (2 * h);
                assertEquals(numeric, grads[p][index], 2e-3 + 0.05 * Math.abs(numeric),
                        "parameter " + p + " entry " + index);
            }
        }
    }

    @Test
    void lossDecreasesOnAMemorisableSet() throws IOException {
        Path folder = model();
        ModelConfig cfg = ModelConfig.load(folder);
        try (Decoder decoder = Decoder.load(folder, cfg, Device.cpu());
             LoraAdapter adapter = LoraAdapter.create(cfg, LoraConfig.defaults(), Device.cpu(), 1)) {
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, adapter, AdamW.defaults(adapter.parameters()), settings(PADDING_FREE));
            TrainingOrder order = new TrainingOrder(examples(), 42, false);
            List<Double> losses = new ArrayList<>();
            for (int s = 0; s < 30; s++) {
                losses.add(trainer.step(order.batch(s, 8)).loss());
            }
            double first = (losses.get(0) + losses.get(1) + losses.get(2)) / 3;
            double last = (losses.get(27) + losses.get(28) + losses.get(29)) / 3;
            assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
        }
    }

    /** SFT: whole trajectories per step, a one-hot target at every token; the cross-entropy falls. */
    @Test
    void sftOnWholeTrajectoriesLearnsTheSolutions() throws IOException {
        Path folder = model();
        ModelConfig cfg = ModelConfig.load(folder);
        List<TrainingExample> tokens = new ArrayList<>();
        Random r = new Random(8);
        for (int q = 0; q < 2; q++) {
            int[] prompt = {257, 40 + q, 41, 10};
            int[] solution = new int[10];
            for (int i = 0; i < solution.length; i++) {
                solution[i] = 40 + r.nextInt(60);
            }
            for (int t = 0; t < solution.length; t++) {
                tokens.add(new TrainingExample(q, t, prompt, java.util.Arrays.copyOf(solution, t), new int[] {solution[t]},
                        new double[] {1.0}));
            }
        }
        TrainingOrder order = new TrainingOrder(tokens, 42, true, true);
        assertEquals(2, order.units());
        assertEquals(20, order.batch(0, 2).size(), "a step takes whole trajectories");
        try (Decoder decoder = Decoder.load(folder, cfg, Device.cpu());
             LoraAdapter adapter = LoraAdapter.create(cfg, LoraConfig.defaults(), Device.cpu(), 1)) {
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, adapter, AdamW.defaults(adapter.parameters()),
                    new SoftLabelTrainer.Settings(1, 2, 1e-2, 0, 40, 1.0, TRAJECTORY, 42, cfg.vocabSize(), 512, true));
            List<Double> losses = new ArrayList<>();
            for (int s = 0; s < 40; s++) {
                SoftLabelTrainer.StepResult result = trainer.step(order.batch(s, 2));
                assertEquals(20, result.examples());
                assertEquals(2 * (4 + 9), result.forwardTokens(), "one packed sequence per solution");
                losses.add(result.loss());
            }
            assertTrue(losses.get(39) < 0.5 * losses.get(0), "cross-entropy " + losses.get(0) + " -> " + losses.get(39));
        }
    }

    /**
     * Train 12 steps straight; train 5, checkpoint, reload into fresh objects and train 7 more: the adapters
     * are bit-identical (dropout masks and data order are functions of the step).
     */
    @Test
    void resumingFromACheckpointIsBitIdentical(@TempDir Path runs) throws IOException {
        Path folder = model();
        ModelConfig cfg = ModelConfig.load(folder);
        LoraConfig lora = LoraConfig.defaults();
        TrainingOrder order = new TrainingOrder(examples(), 42, false);
        float[][] straight;
        try (Decoder decoder = Decoder.load(folder, cfg, Device.cpu());
             LoraAdapter adapter = LoraAdapter.create(cfg, lora, Device.cpu(), 1)) {
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, adapter, AdamW.defaults(adapter.parameters()), settings(PADDING_FREE));
            for (int s = 0; s < 12; s++) {
                trainer.step(order.batch(s, 8));
            }
            straight = values(adapter);
        }
        CheckpointStore store = new CheckpointStore(runs, 2);
        try (Decoder decoder = Decoder.load(folder, cfg, Device.cpu());
             LoraAdapter adapter = LoraAdapter.create(cfg, lora, Device.cpu(), 1)) {
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, adapter, AdamW.defaults(adapter.parameters()), settings(PADDING_FREE));
            for (int s = 0; s < 5; s++) {
                trainer.step(order.batch(s, 8));
            }
            store.save(5, trainer, "base");
        }
        try (Decoder decoder = Decoder.load(folder, cfg, Device.cpu());
             LoraAdapter adapter = LoraAdapter.load(store.folder(5), cfg, LoraAdapter.readConfig(store.folder(5)), Device.cpu())) {
            AdamW opt = AdamW.defaults(adapter.parameters());
            store.restoreOptimizer(5, opt, adapter.parameterNames());
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, adapter, opt, settings(PADDING_FREE));
            for (int s = 5; s < 12; s++) {
                trainer.step(order.batch(s, 8));
            }
            float[][] resumed = values(adapter);
            for (int i = 0; i < straight.length; i++) {
                assertArrayEquals(straight[i], resumed[i], 0f, "parameter " + i);
            }
        }
    }

    /** A crash between a checkpoint's files leaves the previous checkpoint complete and listed; keep=2 prunes. */
    @Test
    void checkpointWritesAreAtomicAndPruned(@TempDir Path runs) throws IOException {
        Path folder = model();
        ModelConfig cfg = ModelConfig.load(folder);
        try (Decoder decoder = Decoder.load(folder, cfg, Device.cpu());
             LoraAdapter adapter = LoraAdapter.create(cfg, LoraConfig.defaults(), Device.cpu(), 1)) {
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, adapter, AdamW.defaults(adapter.parameters()), settings(PADDING_FREE));
            CheckpointStore store = new CheckpointStore(runs, 2);
            store.save(2, trainer, "base");
            assertThrows(UncheckedIOException.class, () -> store.save(4, trainer, "base", () -> {
                throw new UncheckedIOException(new IOException("simulated crash between files"));
            }));
            assertEquals(List.of(2L), store.steps());
            assertTrue(Files.exists(store.folder(2).resolve("optimizer.safetensors")));
            LoraAdapter.load(store.folder(2), cfg, LoraConfig.defaults(), Device.cpu()).close();
            store.save(4, trainer, "base");
            store.save(6, trainer, "base");
            assertEquals(List.of(4L, 6L), store.steps());
            try (var left = Files.list(runs)) {
                assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-")), "crash leftovers removed");
            }
        }
    }

    /**
     * The merged folder loads and gives the adapted model's logits (≤ 1e-4); F16 and BF16 within their precision,
     * BF16 rounded to nearest even; the tokenizer, its chat template and the generation config travel along.
     */
    @Test
    void mergedModelEqualsBasePlusAdapter(@TempDir Path work) throws IOException {
        Path folder = model();
        ModelConfig cfg = ModelConfig.load(folder);
        int[] ids = {257, 50, 51, 52, 53, 10, 60, 61};
        float[] adapted;
        try (Decoder decoder = Decoder.load(folder, cfg, Device.cpu());
             LoraAdapter adapter = trainedAdapter(decoder, cfg);
             NDManager m = NDManager.newBaseManager()) {
            adapter.save(work.resolve("adapter"), "base");
            boolean[][] real = new boolean[1][ids.length];
            java.util.Arrays.fill(real[0], true);
            adapted = decoder.logits(decoder.forward(m, new int[][] {ids}, real, decoder.newCache(), adapter).squeeze(0))
                    .toFloatArray();
            float[] base = decoder.logits(decoder.forward(m, new int[][] {ids}, real, decoder.newCache()).squeeze(0))
                    .toFloatArray();
            assertTrue(maxDiff(base, adapted) > 1e-3, "the adapter changes the model");
        }
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"chat_template\": \"{{ messages[0].content }}\"}");
        LoraMerge.merge(folder, work.resolve("adapter"), work.resolve("merged"), "F32");
        LoraMerge.merge(folder, work.resolve("adapter"), work.resolve("merged-f16"), "F16");
        LoraMerge.merge(folder, work.resolve("adapter"), work.resolve("merged-bf16"), "BF16");
        try (var merged = dev.lightreasoner.engine.model.CausalLm.load(work.resolve("merged"));
             var half = dev.lightreasoner.engine.model.CausalLm.load(work.resolve("merged-f16"));
             var brain = dev.lightreasoner.engine.model.CausalLm.load(work.resolve("merged-bf16"))) {
            float[] flat = flatten(merged.logits(ids));
            assertTrue(maxDiff(adapted, flat) <= 1e-4, "max diff " + maxDiff(adapted, flat));
            assertTrue(maxDiff(adapted, flatten(half.logits(ids))) <= 2e-2, "F16 " + maxDiff(adapted, flatten(half.logits(ids))));
            // bf16 keeps 8 significant bits, 8 times coarser than f16: the logits move accordingly
            assertTrue(maxDiff(adapted, flatten(brain.logits(ids))) <= 0.25, "BF16 " + maxDiff(adapted, flatten(brain.logits(ids))));
        }
        // every BF16 weight is the fp32 merged weight rounded to the nearest bf16, ties to even
        SafeTensors f32 = SafeTensors.openFolder(work.resolve("merged"));
        SafeTensors bf16 = SafeTensors.openFolder(work.resolve("merged-bf16"));
        for (String name : f32.names()) {
            assertEquals("BF16", bf16.entry(name).dtype());
            float[] exact = f32.floats(name);
            float[] rounded = bf16.floats(name);
            for (int i = 0; i < exact.length; i++) {
                assertNearestBf16(exact[i], rounded[i], name + "[" + i + "]");
            }
        }
        for (String copied : new String[] {"tokenizer.json", "tokenizer_config.json", "generation_config.json"}) {
            assertEquals(Files.readString(folder.resolve(copied)), Files.readString(work.resolve("merged-bf16/" + copied)));
        }
        assertTrue(Files.readString(work.resolve("merged-f16/config.json")).contains("\"float16\""));
        assertTrue(Files.readString(work.resolve("merged-bf16/config.json")).contains("\"bfloat16\""));
    }

    /** The two bf16 values around x are its truncation and the next one up; the nearer wins, a tie goes to the even one. */
    private static void assertNearestBf16(float x, float stored, String where) {
        int truncated = Float.floatToRawIntBits(x) & 0xFFFF0000;
        float low = Float.intBitsToFloat(truncated);
        float high = Float.intBitsToFloat(truncated + 0x10000);
        double toLow = Math.abs((double) x - low);
        double toHigh = Math.abs((double) high - x);
        float expected = toLow < toHigh ? low : toHigh < toLow ? high : ((truncated >>> 16) & 1) == 0 ? low : high;
        assertEquals(expected, stored, 0f, where + " = " + x);
    }

    private static float[] flatten(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
        }
        return out;
    }

    private static double maxDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** An adapter after a few steps, so B is non-zero and every parameter has a gradient. */
    static LoraAdapter trainedAdapter(Decoder decoder, ModelConfig cfg) {
        return trainedAdapter(decoder, cfg, 0.0);
    }

    static LoraAdapter trainedAdapter(Decoder decoder, ModelConfig cfg, double dropout) {
        LoraAdapter adapter = LoraAdapter.create(cfg, new LoraConfig(4, 8, dropout, List.of("q_proj", "v_proj", "down_proj")),
                Device.cpu(), 1);
        SoftLabelTrainer warm = new SoftLabelTrainer(decoder, adapter, AdamW.defaults(adapter.parameters()), settings(PADDING_FREE));
        TrainingOrder order = new TrainingOrder(examples(), 1, true);
        for (int s = 0; s < 3; s++) {
            warm.step(order.batch(s, 8));
        }
        return adapter;
    }

    /** Loss and gradients of one forward of the batch laid out by {@code packing}; dropout when seed >= 0. */
    static double lossAndGrads(SoftLabelTrainer trainer, List<TrainingExample> batch, SoftLabelTrainer.Packing packing,
                                       long dropoutSeed, float[][] grads) {
        try (NDManager m = NDManager.newBaseManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = trainer.loss(m, batch, batch.size(), packing, dropoutSeed, 0).loss();
            collector.backward(loss);
            List<NDArray> params = trainer.adapter().parameters();
            for (int i = 0; i < params.size(); i++) {
                grads[i] = params.get(i).getGradient().toFloatArray();
                params.get(i).getGradient().muli(0);
            }
            return loss.getFloat();
        }
    }

    /** Adds {@code delta} to one entry of a parameter, in place, outside autograd. */
    static void nudge(NDArray param, int index, float delta) {
        float[] d = new float[(int) param.size()];
        d[index] = delta;
        try (NDManager m = NDManager.newBaseManager()) {
            param.stopGradient().addi(m.create(d, param.getShape()));
        }
    }

    private static double lossOnly(SoftLabelTrainer trainer, List<TrainingExample> batch) {
        try (NDManager m = NDManager.newBaseManager()) {
            return trainer.loss(m, batch, batch.size(), PADDING_FREE).loss().getFloat();
        }
    }

    static float[][] values(LoraAdapter adapter) {
        return adapter.parameters().stream().map(NDArray::toFloatArray).toArray(float[][]::new);
    }
}
