package dev.lightreasoner.engine.training;

import static dev.lightreasoner.engine.ParameterValues.decimal;
import static dev.lightreasoner.engine.ParameterValues.integer;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.ParameterValues;
import dev.lightreasoner.engine.data.DataRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parameters of the {@code train} job (defaults: docs/method.md §6.5), validated before it starts.
 *
 * @param samples         sampling run id (job instance id of a sample or import-samples run)
 * @param expert          model folder to fine-tune (empty: the sampling run's expert)
 * @param epochs          when &gt; 0, train this many passes over the samples instead of maxSteps
 * @param order           {@code reference}: examples drawn individually from all kept steps (packed padding-free);
 *                        {@code trajectory}: trajectories shuffled, each one's examples in one shared forward (a
 *                        deviation from the reference, kept for comparison)
 * @param checkpointEvery optimizer steps per chunk; each chunk ends with an atomic checkpoint
 * @param keep            checkpoints kept
 * @param failAtStep      fault injection for tests: fail before optimizer step N (1-based), -1 never
 * @param objective       lightr (samples = a sample/import run) or sft (samples = an sft-sample run)
 */
public record TrainParameters(long samples, String expert, int rank, double loraAlpha, double dropout,
                              List<String> targets, double learningRate, int warmupSteps, int maxSteps, double epochs,
                              int batchSize, int accumulation, double maxGradNorm, String order, long seed,
                              int maxLength, int checkpointEvery, int keep, String device, long failAtStep,
                              String objective) {
    /** LightReasoner's soft-label KL at kept steps, or the SFT baseline's cross-entropy on whole solutions. */
    public static final List<String> OBJECTIVES = List.of("lightr", "sft");
    /** How training examples are drawn into batches. */
    public static final List<String> ORDERS = List.of("reference", "trajectory");


    private static final Set<String> KNOWN = Set.of("samples", "expert", "rank", "loraAlpha", "dropout", "targets",
            "learningRate", "warmupSteps", "maxSteps", "epochs", "batchSize", "accumulation", "maxGradNorm", "order", "seed",
            "maxLength", "checkpointEvery", "keep", "device", "failAtStep", "objective");

    public static TrainParameters from(Map<String, String> raw, DataRoot root) {
        for (String key : raw.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new InvalidParameterException(key, "unknown parameter of job 'train' (known: " + KNOWN + ")");
            }
        }
        if (!raw.containsKey("samples")) {
            throw new InvalidParameterException("samples", "is required: the id of a sampling run");
        }
        long samples = integer(raw, "samples", 0, 1, Long.MAX_VALUE);
        String expert = raw.getOrDefault("expert", "");
        if (!expert.isBlank()) {
            Path folder = root.resolve("expert", expert);
            if (!Files.isRegularFile(folder.resolve("config.json"))) {
                throw new InvalidParameterException("expert", "not a model folder under the data root: " + expert);
            }
        }
        int rank = (int) integer(raw, "rank", 8, 1, 1024);
        double loraAlpha = decimal(raw, "loraAlpha", 16, 1e-6, 1e6);
        double dropout = decimal(raw, "dropout", 0.05, 0, 0.99);
        List<String> targets = new ArrayList<>();
        for (String t : raw.getOrDefault("targets", "q_proj,v_proj").split(",")) {
            if (!LoraConfig.MODULES.contains(t.strip())) {
                throw new InvalidParameterException("targets", "unknown module '" + t.strip() + "' (known: "
                        + LoraConfig.MODULES + ")");
            }
            targets.add(t.strip());
        }
        double lr = decimal(raw, "learningRate", 5e-5, 1e-12, 1);
        int warmup = (int) integer(raw, "warmupSteps", 0, 0, 10_000_000);
        int maxSteps = (int) integer(raw, "maxSteps", 1000, 1, 10_000_000);
        if (warmup >= maxSteps) {
            throw new InvalidParameterException("warmupSteps", "must be less than maxSteps (" + maxSteps + "): " + warmup);
        }
        double epochs = decimal(raw, "epochs", 0, 0, 1e6);
        int batch = (int) integer(raw, "batchSize", 8, 1, 4096);
        int accumulation = (int) integer(raw, "accumulation", 2, 1, 4096);
        double clip = decimal(raw, "maxGradNorm", 1.0, 0, 1e9);
        String order = raw.getOrDefault("order", "reference").strip();
        if (!ORDERS.contains(order)) {
            throw new InvalidParameterException("order", "must be one of " + ORDERS + ": " + order);
        }
        long seed = integer(raw, "seed", 42, 0, Long.MAX_VALUE);
        int maxLength = (int) integer(raw, "maxLength", 512, 2, 1_000_000);
        int every = (int) integer(raw, "checkpointEvery", 200, 1, 10_000_000);
        // two at least: the previous checkpoint must survive until the job repository has recorded the newer one
        int keep = (int) integer(raw, "keep", 2, 2, 1000);
        String device = ParameterValues.device(raw, "device");
        long failAt = integer(raw, "failAtStep", -1, -1, Long.MAX_VALUE);
        String objective = raw.getOrDefault("objective", "lightr").strip();
        if (!OBJECTIVES.contains(objective)) {
            throw new InvalidParameterException("objective", "must be one of " + OBJECTIVES + ": " + objective);
        }
        return new TrainParameters(samples, expert, rank, loraAlpha, dropout, List.copyOf(targets), lr, warmup, maxSteps,
                epochs, batch, accumulation, clip, order, seed, maxLength, every, keep, device, failAt,
                objective);
    }


    public LoraConfig lora() {
        return new LoraConfig(rank, loraAlpha, dropout, targets);
    }

    /** Optimizer steps to run: maxSteps, or enough steps for {@code epochs} passes over the units. */
    public int totalSteps(int examples) {
        if (epochs <= 0) {
            return maxSteps;
        }
        return (int) Math.max(1, Math.ceil(epochs * examples / (batchSize * (double) accumulation)));
    }

    public boolean sft() {
        return objective.equals("sft");
    }

    /** @param units examples (lightr) or trajectories (sft) */
    public SoftLabelTrainer.Settings settings(int labelVocab, int units) {
        return new SoftLabelTrainer.Settings(batchSize, accumulation, learningRate, warmupSteps, totalSteps(units),
                maxGradNorm, packing(), seed, labelVocab, maxLength, sft());
    }

    /** Whether trajectories (not single examples) are shuffled: SFT trains whole solutions. */
    public boolean byTrajectory() {
        return sft() || order.equals("trajectory");
    }

    /** SFT's one-hot targets of one solution share its forward; LightR's drawn examples pack padding-free. */
    public SoftLabelTrainer.Packing packing() {
        return byTrajectory() ? SoftLabelTrainer.Packing.TRAJECTORY : SoftLabelTrainer.Packing.PADDING_FREE;
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("samples", Long.toString(samples));
        m.put("expert", expert);
        m.put("rank", Integer.toString(rank));
        m.put("loraAlpha", Double.toString(loraAlpha));
        m.put("dropout", Double.toString(dropout));
        m.put("targets", String.join(",", targets));
        m.put("learningRate", Double.toString(learningRate));
        m.put("warmupSteps", Integer.toString(warmupSteps));
        m.put("maxSteps", Integer.toString(maxSteps));
        m.put("epochs", Double.toString(epochs));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("accumulation", Integer.toString(accumulation));
        m.put("maxGradNorm", Double.toString(maxGradNorm));
        m.put("order", order);
        m.put("seed", Long.toString(seed));
        m.put("maxLength", Integer.toString(maxLength));
        m.put("checkpointEvery", Integer.toString(checkpointEvery));
        m.put("keep", Integer.toString(keep));
        m.put("device", device);
        m.put("failAtStep", Long.toString(failAtStep));
        m.put("objective", objective);
        return m;
    }
}
