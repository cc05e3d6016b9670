package dev.lightreasoner.engine.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import dev.lightreasoner.engine.model.Decoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Fine-tuning on soft labels — LightR's contrastive labels, or one-hot labels for SFT and from-scratch
 * pretraining. With a LoRA adapter only the adapter trains; without one (adapter null) the decoder's own
 * weights do (they must have been loaded trainable). Spec §6 for LightR: each optimizer step takes batchSize × accumulation
 * examples, runs them in micro-batches of batchSize, and minimises the batch-mean KL(v_C ‖ π_θ) at each
 * example's last real token. Linear learning-rate decay (optional warm-up), global-norm clipping, AdamW.
 *
 * <p>How a micro-batch's examples become forward rows is its {@link Packing}: padding-free packing (the default)
 * lays the examples end to end with block-diagonal attention — the same loss and gradients as one forward per
 * example, dropout included, with no padding to the longest.
 */
public final class SoftLabelTrainer {

    /**
     * @param wholeTrajectories batches count trajectories, not examples (SFT: a solution with all its tokens)
     */
    public record Settings(int batchSize, int accumulation, double learningRate, int warmupSteps, int maxSteps,
                           double maxGradNorm, Packing packing, long seed, int labelVocab, int maxLength,
                           boolean wholeTrajectories) {
        public Settings(int batchSize, int accumulation, double learningRate, int warmupSteps, int maxSteps,
                        double maxGradNorm, Packing packing, long seed, int labelVocab, int maxLength) {
            this(batchSize, accumulation, learningRate, warmupSteps, maxSteps, maxGradNorm, packing, seed, labelVocab,
                    maxLength, false);
        }

        /** Units (examples, or trajectories) per optimizer step. */
        public int examplesPerStep() {
            return batchSize * accumulation;
        }
    }

    /** How the examples of a micro-batch become forward rows. */
    public enum Packing {
        /** One row per example, right-padded to the longest: the reference's forward. */
        PER_EXAMPLE,
        /** Examples end to end in rows as long as the longest example, each attending only to itself. */
        PADDING_FREE,
        /**
         * Examples of one trajectory share one row, the sequence of their longest prefix (one-hot SFT and
         * pretraining targets, and {@code order=trajectory}); they then share that row's dropout masks.
         */
        TRAJECTORY
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
            int first = 0;
            for (List<TrainingExample> part : microBatches(examples)) {
                try (NDManager m = NDManager.newBaseManager(decoder.device())) {
                    Forward f = loss(m, part, examples.size(), settings.packing(), LoraAdapter.mix(settings.seed(), step),
                            first);
                    collector.backward(f.loss());
                    lossValue += f.loss().getFloat();
                    tokens += f.tokens();
                }
                first += part.size();
            }
        }
        return update(step, lossValue, tokens, examples.size(), start);
    }

    /**
     * Applies the gradients that backward left: refuses a non-finite loss or gradient norm (the weights, and
     * any checkpoint written later, stay as they were), else clips and takes one AdamW step.
     */
    StepResult update(long step, double lossValue, long tokens, int examples, long start) {
        if (!Double.isFinite(lossValue)) {
            zeroGradients();
            throw new IllegalStateException("non-finite loss " + lossValue + " at optimizer step " + (step + 1)
                    + ": training diverged (lower learningRate or check the data); the last checkpoint is intact");
        }
        double norm = optimizer.clipGradients(settings.maxGradNorm());
        if (!Double.isFinite(norm)) {
            // a finite loss can still have a NaN or infinite gradient: refused the same way, before AdamW sees it
            zeroGradients();
            throw new IllegalStateException("non-finite gradient norm " + norm + " at optimizer step " + (step + 1)
                    + ": training diverged (lower learningRate or check the data); the last checkpoint is intact");
        }
        double lr = learningRate(step);
        optimizer.update(lr);
        return new StepResult(step + 1, lossValue, norm, lr, tokens, examples, System.nanoTime() - start);
    }

    private void zeroGradients() {
        try (NDScope scope = new NDScope()) {                   // the gradient handles are freed here
            for (NDArray p : optimizer.parameters()) {
                if (p.hasGradient()) {
                    p.getGradient().set(new NDIndex("..."), 0f);     // not muli(0): NaN * 0 stays NaN
                }
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

    /** A micro-batch's loss (sum over its examples / denominator) and the tokens its forward computed (padding included). */
    public record Forward(NDArray loss, long tokens) {
    }

    /**
     * The forward rows of a micro-batch: each row is a list of segments laid end to end; {@code rowOf[e]} and
     * {@code column[e]} locate the position that supervises example e (its last real token).
     */
    public record Layout(List<List<Segment>> rows, int[] rowOf, int[] column) {
        /** Real tokens in the rows. */
        public long tokens() {
            long n = 0;
            for (List<Segment> row : rows) {
                n += length(row);
            }
            return n;
        }

        /** Tokens the forward computes: every row padded to the longest. */
        public long paddedTokens() {
            return (long) rows.size() * width();
        }

        public int width() {
            int width = 0;
            for (List<Segment> row : rows) {
                width = Math.max(width, length(row));
            }
            return width;
        }

        static int length(List<Segment> row) {
            int n = 0;
            for (Segment s : row) {
                n += s.ids().length;
            }
            return n;
        }
    }

    /** Tokens that attend only to each other; {@code owner}: the example whose dropout masks they use. */
    public record Segment(int owner, int[] ids) {
    }

    /** How the examples of a micro-batch become rows (see {@link Packing}). */
    public Layout layout(List<TrainingExample> examples, Packing packing) {
        for (TrainingExample ex : examples) {
            if (ex.length() > settings.maxLength()) {
                throw new IllegalArgumentException("example (trajectory " + ex.trajectory() + ", step " + ex.step()
                        + ") has " + ex.length() + " tokens, more than maxLength " + settings.maxLength());
            }
        }
        return switch (packing) {
            case PER_EXAMPLE -> TrainingLayouts.perExample(examples);
            case PADDING_FREE -> TrainingLayouts.paddingFree(examples);
            case TRAJECTORY -> TrainingLayouts.byTrajectory(examples);
        };
    }

    /** Forward and loss of some examples laid out by {@code packing}, without dropout; the loss is in {@code m}. */
    public Forward loss(NDManager m, List<TrainingExample> examples, double denominator, Packing packing) {
        return loss(m, examples, denominator, packing, -1, 0);
    }

    /**
     * With LoRA dropout when {@code dropoutSeed >= 0}: example e's masks come from (dropoutSeed, firstExample + e),
     * its index in the optimizer step, whatever the packing.
     */
    Forward loss(NDManager m, List<TrainingExample> examples, double denominator, Packing packing, long dropoutSeed,
                 int firstExample) {
        Layout plan = layout(examples, packing);
        int width = plan.width();
        int[][] ids = new int[plan.rows().size()][width];
        int[][] segments = new int[ids.length][width];
        int[][] owners = new int[ids.length][width];
        for (int r = 0; r < ids.length; r++) {
            java.util.Arrays.fill(segments[r], -1);                  // padding at the row's end
            java.util.Arrays.fill(owners[r], -1);
            int at = 0;
            int number = 0;
            for (Segment segment : plan.rows().get(r)) {
                System.arraycopy(segment.ids(), 0, ids[r], at, segment.ids().length);
                java.util.Arrays.fill(segments[r], at, at + segment.ids().length, number++);
                java.util.Arrays.fill(owners[r], at, at + segment.ids().length,
                        firstExample + segment.owner());
                at += segment.ids().length;
            }
        }
        if (adapter != null) {
            adapter.setDropout(dropoutSeed < 0 ? null : new LoraAdapter.DropoutLayout(dropoutSeed, owners));
        }
        NDArray hidden;
        try {
            hidden = decoder.forwardSegments(m, ids, segments, adapter);                       // (R, W, D)
        } finally {
            if (adapter != null) {
                adapter.setDropout(null);
            }
        }
        long[] rows = new long[examples.size()];
        int[][] labelIds = new int[examples.size()][];
        double[][] labelWeights = new double[examples.size()][];
        for (int e = 0; e < rows.length; e++) {
            rows[e] = (long) plan.rowOf()[e] * width + plan.column()[e];
            labelIds[e] = examples.get(e).labelIds();
            labelWeights[e] = examples.get(e).labelWeights();
        }
        NDArray picked = hidden.reshape(-1, hidden.getShape().get(2)).get(m.create(rows));      // (N, D)
        NDArray logits = decoder.logits(picked);
        return new Forward(SoftLabelLoss.sum(logits, labelIds, labelWeights, settings.labelVocab(), denominator),
                plan.paddedTokens());
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
