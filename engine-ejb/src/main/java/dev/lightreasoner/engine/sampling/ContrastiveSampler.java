package dev.lightreasoner.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.lightreasoner.engine.contrast.BatchContrast;
import dev.lightreasoner.engine.model.CausalLm;
import dev.lightreasoner.engine.model.Decoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sampling stage's computation for a batch of prompts (docs/method.md §5): the expert's trajectories (greedy, or
 * sampled with π_E the warped distribution each token was drawn from, docs/method.md B4) with π_E at every step (batched, KV cache), then ONE teacher-forced amateur pass over prompt + trajectory,
 * where row t is π_A for the same prefix as π_E's step t (prompt + the first t expert token ids; no text
 * round trip). Steps t = 1..T−1 are candidates; those with KL(π_E‖π_A) ≥ β are kept with their soft label.
 */
public final class ContrastiveSampler {
    private final CausalLm expert;
    private final CausalLm amateur;
    private final double alpha;
    private final double beta;
    private final int maxNewTokens;
    private final int[] stopIds;
    private final Decoding decoding;

    /** Greedy trajectories, as the reference for Qwen2.5-Math experts. */
    public ContrastiveSampler(CausalLm expert, CausalLm amateur, double alpha, double beta, int maxNewTokens) {
        this(expert, amateur, alpha, beta, maxNewTokens, Decoding.GREEDY);
    }

    public ContrastiveSampler(CausalLm expert, CausalLm amateur, double alpha, double beta, int maxNewTokens,
                              Decoding decoding) {
        if (!expert.device().equals(amateur.device())) {
            throw new IllegalArgumentException("expert on " + expert.device() + " and amateur on " + amateur.device()
                    + " must share a device");
        }
        this.expert = expert;
        this.amateur = amateur;
        this.alpha = alpha;
        this.beta = beta;
        this.maxNewTokens = maxNewTokens;
        this.stopIds = expert.config().eosIds();     // as the reference: the expert's generation_config
        this.decoding = decoding;
    }

    /** One kept step: {@code step} expert tokens form the prefix; the label is for the next token. */
    public record KeptStep(int step, double kl, int[] tokenIds, double[] weights) {
    }

    /** A question's outcome: the trajectory, KL of every candidate step (index 0 = step 1), kept steps. */
    public record Outcome(int[] trajectory, double[] stepKl, List<KeptStep> kept) {
        public int stepsConsidered() {
            return stepKl.length;
        }
    }

    /** Streams 0..B-1: for greedy trajectories, or tests; jobs pass question indexes. */
    public List<Outcome> sample(List<int[]> prompts) {
        long[] streams = new long[prompts.size()];
        Arrays.setAll(streams, i -> i);
        return sample(prompts, streams);
    }

    /** A sampled trajectory draws from the stream of its key (the question index): batch- and restart-independent. */
    public List<Outcome> sample(List<int[]> prompts, long[] streams) {
        try (NDManager m = expert.newManager()) {
            CausalLm.Trajectories runs = expert.generate(m, prompts, maxNewTokens, stopIds, true, decoding, streams);
            int b = prompts.size();
            int[][] tokens = runs.tokens();
            List<Outcome> out = new ArrayList<>(b);
            // candidate rows (i, t), t = 1..T_i-1, of the (B, T, V) arrays flattened to (B*T, V)
            long stepsE = runs.probabilities().getShape().get(1);
            long stepsA = 0;
            for (int[] t : tokens) {
                stepsA = Math.max(stepsA, t.length);
            }
            List<Long> rowsE = new ArrayList<>();
            List<Long> rowsA = new ArrayList<>();
            for (int i = 0; i < b; i++) {
                for (int t = 1; t < tokens[i].length; t++) {
                    rowsE.add(i * stepsE + t);
                    rowsA.add(i * stepsA + t);
                }
            }
            BatchContrast.Result contrast = null;
            if (!rowsE.isEmpty()) {
                NDArray logA = amateur.continuationLogProbs(m, prompts, List.of(tokens));      // (B, C, V_A)
                NDArray pE = runs.probabilities();
                NDArray flatE = pE.reshape(-1, pE.getShape().get(2));
                NDArray flatA = logA.reshape(-1, logA.getShape().get(2));
                contrast = BatchContrast.of(flatE.get(m.create(toArray(rowsE))), flatA.get(m.create(toArray(rowsA))),
                        alpha, beta);
            }
            int next = 0;
            int keptIndex = 0;
            for (int i = 0; i < b; i++) {
                int n = Math.max(0, tokens[i].length - 1);
                double[] kl = new double[n];
                List<KeptStep> kept = new ArrayList<>();
                for (int s = 0; s < n; s++, next++) {
                    kl[s] = contrast.kl()[next];
                    if (keptIndex < contrast.kept().size() && contrast.kept().get(keptIndex).row() == next) {
                        BatchContrast.Kept k = contrast.kept().get(keptIndex++);
                        kept.add(new KeptStep(s + 1, k.kl(), k.tokenIds(), k.weights()));
                    }
                }
                out.add(new Outcome(tokens[i], kl, kept));
            }
            return out;
        }
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
