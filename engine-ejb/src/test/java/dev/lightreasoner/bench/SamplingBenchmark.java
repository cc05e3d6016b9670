package dev.lightreasoner.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.lightreasoner.engine.contrast.BatchContrast;
import dev.lightreasoner.engine.data.Gsm8kRecords;
import dev.lightreasoner.engine.model.CausalLm;
import dev.lightreasoner.engine.model.TestDevice;
import dev.lightreasoner.engine.model.TinyModels;
import dev.lightreasoner.engine.sampling.ContrastiveSampler;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.engine.text.TextTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sampling throughput on one model pair and one question set: the job's path (batched expert generation,
 * one teacher-forced amateur pass per trajectory) against the reference's (batch-1 expert, one amateur
 * forward per prefix in batches of 64). Prints steps/s and the ratios. Run with {@code bench.sh sampling-methods}.
 */
public final class SamplingBenchmark {
    private static final int QUESTIONS = 16;
    private static final int MAX_NEW_TOKENS = 128;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench-models");
        TinyModels.Spec expertSpec = new TinyModels.Spec("qwen2", 256, 4, 8, 2, 32, 704, 300, true, 1_000_000);
        Path expertDir = TinyModels.write(work.resolve("bench-expert"), expertSpec, 7, 0.1);
        Path amateurDir = TinyModels.write(work.resolve("bench-amateur"), expertSpec.withLayers(2), 7, 0.1);
        Path questions = Path.of("server-config/src/main/data/datasets/gsm8k/train.jsonl");
        try (CausalLm expert = CausalLm.load(expertDir, TestDevice.get());
             CausalLm amateur = CausalLm.load(amateurDir, TestDevice.get());
             TextTokenizer tok = TextTokenizer.load(expertDir)) {
            List<int[]> prompts = new ArrayList<>();
            List<String> lines = Files.readAllLines(questions).subList(0, QUESTIONS);
            for (int i = 0; i < lines.size(); i++) {
                prompts.add(tok.encode(ChatPrompts.CHATML.sampling(Gsm8kRecords.parse(lines.get(i), i + 1).question())));
            }
            System.out.printf("sampling benchmark: %s, %d cores; expert d=%d x %d layers, amateur %d layers, %d questions,"
                            + " maxNewTokens %d%n", java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                    expertSpec.hiddenSize(), expertSpec.layers(), 2, QUESTIONS, MAX_NEW_TOKENS);
            ContrastiveSampler sampler = new ContrastiveSampler(expert, amateur, 0.2, 0.4, MAX_NEW_TOKENS);
            for (int batch : new int[] {8, 1}) {
                // warm-up on the same set: first calls of every new shape are far slower (see BENCHMARKS.md)
                for (int i = 0; i < prompts.size(); i += batch) {
                    sampler.sample(prompts.subList(i, Math.min(prompts.size(), i + batch)));
                }
                long t = System.nanoTime();
                long steps = 0;
                for (int i = 0; i < prompts.size(); i += batch) {
                    for (ContrastiveSampler.Outcome o : sampler.sample(prompts.subList(i, Math.min(prompts.size(), i + batch)))) {
                        steps += o.stepsConsidered();
                    }
                }
                double s = (System.nanoTime() - t) / 1e9;
                System.out.printf("job path, expert batch %d, one amateur pass per trajectory: %d steps in %.2f s = %.1f steps/s%n",
                        batch, steps, s, steps / s);
            }
            // the reference: batch-1 expert, then every prefix scored separately (64 per amateur forward)
            long t = System.nanoTime();
            long steps = 0;
            for (int[] prompt : prompts) {
                try (NDManager m = expert.newManager()) {
                    CausalLm.Trajectories run = expert.generate(m, List.of(prompt), MAX_NEW_TOKENS, expert.config().eosIds(), true);
                    int[] traj = run.tokens()[0];
                    List<int[]> prefixes = new ArrayList<>();
                    for (int s = 1; s < traj.length; s++) {
                        int[] prefix = new int[prompt.length + s];
                        System.arraycopy(prompt, 0, prefix, 0, prompt.length);
                        System.arraycopy(traj, 0, prefix, prompt.length, s);
                        prefixes.add(prefix);
                    }
                    NDArray pE = run.probabilities().get("0, 1:" + traj.length + ", :");
                    for (int from = 0; from < prefixes.size(); from += 64) {
                        List<int[]> group = prefixes.subList(from, Math.min(prefixes.size(), from + 64));
                        List<int[]> next = new ArrayList<>();
                        for (int g = 0; g < group.size(); g++) {
                            next.add(new int[] {0});                  // row 0 = distribution after the prefix
                        }
                        NDArray logA = amateur.continuationLogProbs(m, group, next).get(":, 0, :");
                        BatchContrast.of(pE.get(from + ":" + (from + group.size())), logA, 0.2, 0.4);
                    }
                    steps += prefixes.size();
                }
            }
            double ref = (System.nanoTime() - t) / 1e9;
            System.out.printf("reference path, expert batch 1, one amateur forward per prefix: %d steps in %.2f s = %.1f steps/s%n",
                    steps, ref, steps / ref);
        }
    }
}
