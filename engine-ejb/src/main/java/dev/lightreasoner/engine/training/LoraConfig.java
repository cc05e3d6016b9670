package dev.lightreasoner.engine.training;

import java.util.List;
import java.util.Set;

/**
 * LoRA settings (docs/method.md §6.5): rank r, scaling alpha/r, dropout on the adapter's input path, target projections.
 */
public record LoraConfig(int rank, double alpha, double dropout, List<String> targets) {
    public static final Set<String> MODULES =
            Set.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    public LoraConfig {
        if (rank < 1) {
            throw new IllegalArgumentException("LoRA rank must be >= 1: " + rank);
        }
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("LoRA alpha must be > 0: " + alpha);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("LoRA dropout must be in [0, 1): " + dropout);
        }
        if (targets.isEmpty() || !MODULES.containsAll(targets)) {
            throw new IllegalArgumentException("LoRA targets must be among " + MODULES + ": " + targets);
        }
        targets = List.copyOf(targets);
    }

    public static LoraConfig defaults() {
        return new LoraConfig(8, 16, 0.05, List.of("q_proj", "v_proj"));
    }

    public double scaling() {
        return alpha / rank;
    }
}
