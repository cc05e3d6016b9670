package dev.lightreasoner.engine.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.lightreasoner.engine.model.Decoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fine-tuning on soft labels — LightR's contrastive labels, or one-hot labels for SFT and from-scratch
 * pretraining. With a LoRA adapter only the adapter trains; without one (adapter null) the decoder's own
 * weights do (they must have been loaded trainable). Spec §6 for LightR: each optimizer step takes batchSize × accumulation
 * examples, runs them in micro-batches of batchSize, and minimises the batch-mean KL(v_C ‖ π_θ) at each
 * example's last real token. Linear learning-rate decay (optional warm-up), global-norm clipping, AdamW.
 *
 * <p>Packed mode runs all examples of one trajectory that share a micro-batch as ONE sequence (prompt + the
 * longest of their prefixes) with the loss at each example's position — the same loss and gradients as
 * separate sequences (causal attention), with far fewer forward tokens.
 */
public final class SoftLabelTrainer {

    /**
     * @param wholeTrajectories batches count trajectories, not examples (SFT: a solution with all its tokens)
     */
    public record Settings(int batchSize, int accumulation, double learningRate, int warmupSteps, int maxSteps,
                           double maxGradNorm, boolean packed, long seed, int labelVocab, int maxLength,
                           boolean wholeTrajectories) {
        public Settings(int batchSize, int accumulation, double learningRate, int warmupSteps, int maxSteps,
                        double maxGradNorm, boolean packed, long seed, int labelVocab, int maxLength) {
            this(batchSize, accumulation, learningRate, warmupSteps, maxSteps, maxGradNorm, packed, seed, labelVocab,
                    maxLength, false);
        }

        /** Units (examples, or trajectories) per optimizer step. */
        public int examplesPerStep() {
            return batchSize * accumulation;
        }
    }

    public record StepResult(long step, double loss, double gradNorm, double learningRate, long forwardTokens,
                             int examples, long nanos) {
    }

    private final Decoder decoder;
    private final LoraAdapter adapter;
    private final AdamW optimizer;
    private final Settings settings;

    public SoftLabelTrainer(Decoder decoder, LoraAdapter adapter, AdamW optimizer, Settings settings) {
        this.decoder = decoder;
        this.adapter = adapter;
        this.optimizer = optimizer;
        this.settings = settings;
    }

    /** Learning rate before optimizer update {@code step} (0-based): linear warm-up, then linear decay to 0. */
    public double learningRate(long step) {
        int warm = settings.warmupSteps();
        if (step < warm) {
            return settings.learningRate() * (step + 1) / warm;
        }
        return settings.learningRate() * Math.max(0, settings.maxSteps() - step) / Math.max(1, settings.maxSteps() - warm);
    }

    /** One optimizer step over the given examples (the step's whole batch). */
    public StepResult step(List<TrainingExample> examples) {
        long start = System.nanoTime();
        long step = optimizer.step();
        double lossValue = 0;
        long tokens = 0;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            int micro = 0;
            for (List<TrainingExample> part : microBatches(examples)) {
                micro++;
                if (adapter != null) {
                    adapter.setDropoutSeed(LoraAdapter.mix(settings.seed(), step * 1024 + micro));
                }
                try (NDManager m = NDManager.newBaseManager(decoder.device())) {
                    Forward f = loss(m, part, examples.size(), settings.packed());
                    collector.backward(f.loss());
                    lossValue += f.loss().getFloat();
                    tokens += f.tokens();
                }
            }
        } finally {
            if (adapter != null) {
                adapter.setDropoutSeed(-1);
            }
        }
        if (!Double.isFinite(lossValue)) {
            // refuse to apply it: the weights (and any checkpoint written later) stay as they were
            zeroGradients();
            throw new IllegalStateException("non-finite loss " + lossValue + " at optimizer step " + (step + 1)
                    + ": training diverged (lower learningRate or check the data); the last checkpoint is intact");
        }
        double norm = optimizer.clipGradients(settings.maxGradNorm());
        double lr = learningRate(step);
        optimizer.update(lr);
        return new StepResult(step + 1, lossValue, norm, lr, tokens, examples.size(), System.nanoTime() - start);
    }

    private void zeroGradients() {
        for (NDArray p : optimizer.parameters()) {
            if (p.hasGradient()) {
                p.getGradient().muli(0);
            }
        }
    }

    /** Micro-batches of batchSize examples, or of batchSize whole trajectories. */
    private List<List<TrainingExample>> microBatches(List<TrainingExample> examples) {
        List<List<TrainingExample>> out = new ArrayList<>();
        if (!settings.wholeTrajectories()) {
            for (int from = 0; from < examples.size(); from += settings.batchSize()) {
                out.add(examples.subList(from, Math.min(examples.size(), from + settings.batchSize())));
            }
            return out;
        }
        List<TrainingExample> current = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (TrainingExample ex : examples) {
            if (!seen.contains(ex.trajectory()) && seen.size() == settings.batchSize()) {
                out.add(current);
                current = new ArrayList<>();
                seen.clear();
            }
            seen.add(ex.trajectory());
            current.add(ex);
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** A micro-batch's loss (sum over its examples / denominator) and the tokens its forward pass read. */
    public record Forward(NDArray loss, long tokens) {
    }

    /** How examples become sequences: which sequence and position supervise each example. */
    public record Packing(List<int[]> sequences, int[] sequenceOf, int[] position) {
        public long tokens() {
            long n = 0;
            for (int[] s : sequences) {
                n += s.length;
            }
            return n;
        }
    }

    /**
     * Packed: the examples of one trajectory share the sequence of their longest prefix when theirs are
     * prefixes of it (always so for sampled runs); otherwise, and in per-example mode, one sequence each.
     */
    public Packing pack(List<TrainingExample> examples, boolean packed) {
        List<int[]> sequences = new ArrayList<>();
        int[] sequenceOf = new int[examples.size()];
        int[] position = new int[examples.size()];
        Map<Long, List<Integer>> byTrajectory = new LinkedHashMap<>();
        for (int e = 0; e < examples.size(); e++) {
            TrainingExample ex = examples.get(e);
            if (ex.length() > settings.maxLength()) {
                throw new IllegalArgumentException("example (trajectory " + ex.trajectory() + ", step " + ex.step()
                        + ") has " + ex.length() + " tokens, more than maxLength " + settings.maxLength());
            }
            byTrajectory.computeIfAbsent(packed ? ex.trajectory() : -1 - e, k -> new ArrayList<>()).add(e);
        }
        for (List<Integer> group : byTrajectory.values()) {
            TrainingExample longest = examples.get(group.get(0));
            for (int e : group) {
                if (examples.get(e).prefixIds().length > longest.prefixIds().length) {
                    longest = examples.get(e);
                }
            }
            int shared = sequences.size();
            sequences.add(concat(longest.promptIds(), longest.prefixIds()));
            for (int e : group) {
                TrainingExample ex = examples.get(e);
                if (isPrefix(ex, longest)) {
                    sequenceOf[e] = shared;
                } else {
                    sequenceOf[e] = sequences.size();
                    sequences.add(concat(ex.promptIds(), ex.prefixIds()));
                }
                position[e] = ex.length() - 1;                        // the last real token of the example
            }
        }
        return new Packing(sequences, sequenceOf, position);
    }

    /** Forward and loss of some examples, packed or one sequence each; the loss is in {@code m}. */
    public Forward loss(NDManager m, List<TrainingExample> examples, double denominator, boolean packed) {
        Packing plan = pack(examples, packed);
        List<int[]> sequences = plan.sequences();
        int width = 0;
        for (int[] s : sequences) {
            width = Math.max(width, s.length);
        }
        int[][] ids = new int[sequences.size()][width];
        boolean[][] real = new boolean[sequences.size()][width];
        for (int i = 0; i < ids.length; i++) {
            int[] s = sequences.get(i);
            System.arraycopy(s, 0, ids[i], 0, s.length);            // right padding, masked
            java.util.Arrays.fill(real[i], 0, s.length, true);
        }
        NDArray hidden = decoder.forward(m, ids, real, decoder.newCache(), adapter);          // (S, W, D)
        long[] rows = new long[examples.size()];
        int[][] labelIds = new int[examples.size()][];
        double[][] labelWeights = new double[examples.size()][];
        for (int e = 0; e < rows.length; e++) {
            rows[e] = (long) plan.sequenceOf()[e] * width + plan.position()[e];
            labelIds[e] = examples.get(e).labelIds();
            labelWeights[e] = examples.get(e).labelWeights();
        }
        NDArray picked = hidden.reshape(-1, hidden.getShape().get(2)).get(m.create(rows));      // (N, D)
        NDArray logits = decoder.logits(picked);
        return new Forward(SoftLabelLoss.sum(logits, labelIds, labelWeights, settings.labelVocab(), denominator),
                plan.tokens());
    }

    private static boolean isPrefix(TrainingExample ex, TrainingExample longest) {
        if (!java.util.Arrays.equals(ex.promptIds(), longest.promptIds())) {
            return false;
        }
        int[] p = ex.prefixIds();
        int[] q = longest.prefixIds();
        return java.util.Arrays.equals(p, 0, p.length, q, 0, p.length);
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public LoraAdapter adapter() {
        return adapter;
    }

    /** Names of the trained parameters, in the optimizer's order. */
    public List<String> parameterNames() {
        return adapter != null ? adapter.parameterNames() : List.copyOf(decoder.namedWeights().keySet());
    }

    /**
     * Writes the trained weights into a folder: the adapter (PEFT layout, {@code base} named in its config), or
     * a complete Hugging Face model folder (weights plus config, generation config and tokenizer from the
     * folder {@code base}).
     */
    public void writeWeights(java.nio.file.Path folder, String base) throws java.io.IOException {
        if (adapter != null) {
            adapter.save(folder, base);
        } else {
            decoder.save(folder, java.nio.file.Path.of(base));
        }
    }

    public AdamW optimizer() {
        return optimizer;
    }

    public Settings settings() {
        return settings;
    }
}
