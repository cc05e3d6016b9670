package dev.lightreasoner.engine.training;

import dev.lightreasoner.engine.CheckedParameters;
import dev.lightreasoner.engine.DeclaredParameters;
import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.ParameterValues;
import dev.lightreasoner.engine.data.DataRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
                              String objective) implements CheckedParameters {
    /** LightReasoner's soft-label KL at kept steps, or the SFT baseline's cross-entropy on whole solutions. */
    public static final List<String> OBJECTIVES = List.of("lightr", "sft");
    /** How training examples are drawn into batches. */
    public static final List<String> ORDERS = List.of("reference", "trajectory");


    public static TrainParameters from(Map<String, String> raw, DataRoot root) {
        DeclaredParameters p = DeclaredParameters.read("train", raw);
        String expert = p.text("expert");
        if (!expert.isBlank()) {
            Path folder = root.resolve("expert", expert);
            if (!Files.isRegularFile(folder.resolve("config.json"))) {
                throw new InvalidParameterException("expert", "not a model folder under the data root: " + expert);
            }
        }
        List<String> targets = new ArrayList<>();
        for (String t : p.text("targets").split(",")) {
            if (!LoraConfig.MODULES.contains(t.strip())) {
                throw new InvalidParameterException("targets", "unknown module '" + t.strip() + "' (known: "
                        + LoraConfig.MODULES + ")");
            }
            targets.add(t.strip());
        }
        int warmup = p.smallInteger("warmupSteps");
        int maxSteps = p.smallInteger("maxSteps");
        if (warmup >= maxSteps) {
            throw new InvalidParameterException("warmupSteps", "must be less than maxSteps (" + maxSteps + "): " + warmup);
        }
        // keep is at least 2 (declared): the previous checkpoint must survive until the job repository has
        // recorded the newer one
        return new TrainParameters(p.integer("samples"), expert, p.smallInteger("rank"), p.decimal("loraAlpha"),
                p.decimal("dropout"), List.copyOf(targets), p.decimal("learningRate"), warmup, maxSteps,
                p.decimal("epochs"), p.smallInteger("batchSize"), p.smallInteger("accumulation"), p.decimal("maxGradNorm"),
                p.choice("order"), p.integer("seed"), p.smallInteger("maxLength"), p.smallInteger("checkpointEvery"),
                p.smallInteger("keep"), ParameterValues.checkDevice("device", p.text("device")), p.integer("failAtStep"),
                p.choice("objective"));
    }

    /** What the rules normalised beyond the declaration. */
    @Override
    public Map<String, String> resolved() {
        return Map.of("targets", String.join(",", targets), "device", device);
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
}
