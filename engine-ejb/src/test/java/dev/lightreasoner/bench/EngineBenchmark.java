package dev.lightreasoner.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.lightreasoner.engine.model.CausalLm;
import dev.lightreasoner.engine.model.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Engine throughput on CPU: prefill and decode tokens/s at batch 1 and 8, for a tiny model and a random
 * model with Qwen2.5-0.5B's shapes (load time and peak resident memory too). Prints numbers; run with
 * {@code server-config/bin/bench.sh engine}.
 */
public final class EngineBenchmark {
    private static final int PROMPT = 128;
    private static final int DECODE = 32;

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench-models");
        System.out.printf("engine benchmark: %s, PyTorch %s, %d cores, threads %s%n", java.time.LocalDate.now(),
                Engine.getInstance().getVersion(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"));
        run("tiny qwen2 (d=64, 2 layers)", work.resolve("tiny"), TinyModels.Spec.qwen2(), 5);
        run("Qwen2.5-0.5B shapes (random)", work.resolve("qwen25-0.5b"), TinyModels.Spec.qwen25HalfB(), 1);
    }

    private static void run(String label, Path folder, TinyModels.Spec spec, int repeats) throws IOException {
        if (!Files.exists(folder.resolve("model.safetensors"))) {
            long w = System.nanoTime();
            TinyModels.write(folder, spec, 1, 0.02);
            System.out.printf("%s: wrote %s in %.1f s%n", label, folder, (System.nanoTime() - w) / 1e9);
        }
        long rssBefore = rss("VmRSS:");
        long t0 = System.nanoTime();
        try (CausalLm lm = CausalLm.load(folder)) {
            double load = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%s: load %.2f s, resident +%d MiB%n", label, load, (rss("VmRSS:") - rssBefore) >> 20);
            for (int batch : new int[] {1, 8}) {
                List<int[]> prompts = prompts(batch);
                measure(lm, prompts, 1, 1);                          // warm-up
                double prefill = best(lm, prompts, 1, repeats);
                double full = best(lm, prompts, 1 + DECODE, repeats);
                double prefillRate = batch * PROMPT / prefill;
                double decodeRate = batch * DECODE / (full - prefill);
                System.out.printf("%s: batch %d: prefill %.0f tok/s (%d x %d tokens in %.3f s), decode %.1f tok/s"
                                + " (%d steps in %.3f s)%n", label, batch, prefillRate, batch, PROMPT, prefill,
                        decodeRate, DECODE, full - prefill);
            }
        }
        System.out.printf("%s: peak resident memory of the process %d MiB%n", label, rss("VmHWM:") >> 20);
    }

    private static double best(CausalLm lm, List<int[]> prompts, int newTokens, int repeats) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            best = Math.min(best, measure(lm, prompts, newTokens, r));
        }
        return best;
    }

    private static double measure(CausalLm lm, List<int[]> prompts, int newTokens, int ignored) {
        long t = System.nanoTime();
        try (NDManager m = lm.newManager()) {
            lm.generate(m, prompts, newTokens, new int[0], false);
        }
        return (System.nanoTime() - t) / 1e9;
    }

    private static List<int[]> prompts(int batch) {
        Random random = new Random(3);
        List<int[]> out = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            int[] ids = new int[PROMPT];
            for (int i = 0; i < PROMPT; i++) {
                ids[i] = 32 + random.nextInt(90);
            }
            out.add(ids);
        }
        return out;
    }

    private static long rss(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }
}
