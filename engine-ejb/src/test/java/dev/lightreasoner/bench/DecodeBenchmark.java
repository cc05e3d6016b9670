package dev.lightreasoner.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.lightreasoner.engine.data.Gsm8kRecords;
import dev.lightreasoner.engine.model.CausalLm;
import dev.lightreasoner.engine.model.ModelConfig;
import dev.lightreasoner.engine.model.Precision;
import dev.lightreasoner.engine.model.TestDevice;
import dev.lightreasoner.engine.model.TinyModels;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.engine.text.TextTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Batched greedy decoding with probabilities kept (as sampling runs it) on a random model with Qwen2.5-0.5B's
 * shapes, GSM8K sampling prompts tokenized by the real Qwen2.5 tokenizer, against the limit measured in the same
 * run: min(B × read bandwidth / weight bytes, matmul peak / (2 × parameters)) tokens/s. Prefill is timed apart
 * (generate 1 token) and subtracted, so the decode figure is the per-step cost. Run with {@code bench.sh decode
 * [work-dir] [batches] [fp32|fp16]}; in fp16 the weights are half the bytes and the peak is fp16's.
 */
public final class DecodeBenchmark {
    private static final int NEW_TOKENS = 48;
    private static final Path TOKENIZER = Path.of("engine-ejb/src/test/resources/tokenizers/qwen2.5");
    private static final Path QUESTIONS = Path.of("server-config/src/main/data/datasets/gsm8k/test.jsonl");

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench-models");
        int[] batches = args.length > 1 ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 8, 32};
        Precision precision = Precision.parse(args.length > 2 ? args[2] : "fp32");
        Path folder = work.resolve("qwen25-0.5b");
        if (!Files.exists(folder.resolve("model.safetensors"))) {
            TinyModels.write(folder, TinyModels.Spec.qwen25HalfB(), 1, 0.02);
        }
        double peak = HardwareLimits.matmulPeakGflops(precision.dataType());
        double bandwidth = HardwareLimits.readBandwidthGbPerSecond();
        ModelConfig cfg = ModelConfig.load(folder);
        long params = HardwareLimits.matmulParameters(cfg);
        double weightGb = params * (precision == Precision.FP16 ? 2 : 4) / 1e9;
        System.out.printf("decode benchmark: %s, PyTorch %s, %s, %d cores, threads %s; matmul peak %.1f GFLOP/s, read"
                        + " bandwidth %.1f GB/s; model %,d matmul parameters (%.2f GB %s); %d new tokens%n",
                java.time.LocalDate.now(), Engine.getInstance().getVersion(), TestDevice.get(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"), peak, bandwidth, params, weightGb, precision, NEW_TOKENS);
        List<int[]> all = prompts(batches[batches.length - 1]);
        try (CausalLm lm = CausalLm.load(folder, TestDevice.get(), precision)) {
            double batchOne = 0;
            for (int batch : batches) {
                List<int[]> prompts = all.subList(0, batch);
                int promptTokens = prompts.stream().mapToInt(p -> p.length).sum();
                int longest = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
                time(lm, prompts, 1);                                            // warm-up of this shape
                double prefill = time(lm, prompts, 1);
                double full = time(lm, prompts, 1 + NEW_TOKENS);
                double tokensPerSecond = batch * NEW_TOKENS / (full - prefill);
                double limit = Math.min(batch * bandwidth / weightGb, peak / (2.0 * params / 1e9));
                if (batch == 1) {
                    batchOne = tokensPerSecond;
                }
                System.out.printf("batch %2d: prompts %d–%d tokens (%d in all); prefill %.2f s = %.0f tok/s (%.0f%% of"
                                + " the matmul peak); decode %.1f tok/s, limit %.1f tok/s: %.0f%% of the limit%s%n",
                        batch, prompts.stream().mapToInt(p -> p.length).min().orElse(0), longest, promptTokens, prefill,
                        promptTokens / prefill, 100 * promptTokens * 2.0 * params / prefill / 1e9 / peak,
                        tokensPerSecond, limit, 100 * tokensPerSecond / limit,
                        batchOne > 0 && batch > 1 ? String.format("; %.1f× batch 1", tokensPerSecond / batchOne) : "");
            }
        }
        System.out.printf("peak resident memory of the process %d MiB%n", peakResidentMiB());
    }

    /** Seconds for one batched greedy generation with probabilities kept and no stop id (every row runs to the end). */
    private static double time(CausalLm lm, List<int[]> prompts, int newTokens) {
        long t = System.nanoTime();
        try (NDManager m = lm.newManager()) {
            lm.generate(m, prompts, newTokens, new int[0], true);
        }
        return (System.nanoTime() - t) / 1e9;
    }

    static List<int[]> prompts(int count) throws Exception {
        List<int[]> prompts = new ArrayList<>();
        try (TextTokenizer tokenizer = TextTokenizer.load(TOKENIZER)) {
            List<String> lines = Files.readAllLines(QUESTIONS).subList(0, count);
            for (int i = 0; i < lines.size(); i++) {
                prompts.add(tokenizer.encode(ChatPrompts.CHATML.sampling(Gsm8kRecords.parse(lines.get(i), i + 1).question())));
            }
        }
        return prompts;
    }

    static long peakResidentMiB() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
