package dev.lightreasoner.bench;

import dev.lightreasoner.engine.data.Gsm8kRecords;
import dev.lightreasoner.engine.model.CausalLm;
import dev.lightreasoner.engine.model.ModelConfig;
import dev.lightreasoner.engine.model.SafeTensors;
import dev.lightreasoner.engine.model.TestDevice;
import dev.lightreasoner.engine.model.TinyModels;
import dev.lightreasoner.engine.sampling.ContrastiveSampler;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.engine.text.TextTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Peak resident memory of sampling at real model sizes: a BF16 checkpoint with Qwen2.5-Math-1.5B's shapes as expert
 * and one with Qwen2.5-0.5B's as amateur, batch 8 of GSM8K prompts (real Qwen2.5 tokenizer), against the two models'
 * weights as the engine holds them (fp32). Target: peak below weights + 2 GiB, and loading never holds a
 * checkpoint twice. The models are written once (streamed, one tensor in memory); the measurement runs in a
 * fresh JVM with a 1 GiB heap, so the peak is the engine's. Run with {@code bench.sh memory [work] [new tokens]}.
 */
public final class MemoryBenchmark {
    private static final Path TOKENIZER = Path.of("engine-ejb/src/test/resources/tokenizers/qwen2.5");
    private static final Path QUESTIONS = Path.of("server-config/src/main/data/datasets/gsm8k/test.jsonl");
    private static final TinyModels.Spec EXPERT =
            new TinyModels.Spec("qwen2", 1536, 28, 12, 2, 128, 8960, 151_936, true, 10_000);
    private static final TinyModels.Spec AMATEUR = TinyModels.Spec.qwen25HalfB();
    private static final double GIB = 1024.0 * 1024 * 1024;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench-models").toAbsolutePath();
        String newTokens = args.length > 1 ? args[1] : "16";
        if (args.length > 2 && args[2].equals("measure")) {
            measure(work, Integer.parseInt(newTokens));
            return;
        }
        writeBf16(work.resolve("math-1.5b-bf16"), EXPERT, 1);
        writeBf16(work.resolve("qwen25-0.5b-bf16"), AMATEUR, 2);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-XX:MaxDirectMemorySize=64g"));
        for (String p : new String[] {"lightreasoner.test.device", "ai.djl.offline", "ai.djl.default_engine",
                "ai.djl.pytorch.num_threads"}) {
            if (System.getProperty(p) != null) {
                command.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MemoryBenchmark.class.getName(),
                work.toString(), newTokens, "measure"));
        System.exit(new ProcessBuilder(command).inheritIO().start().waitFor());
    }

    private static void measure(Path work, int newTokens) throws Exception {
        Path expertDir = work.resolve("math-1.5b-bf16");
        Path amateurDir = work.resolve("qwen25-0.5b-bf16");
        double weights = (fp32Bytes(expertDir) + fp32Bytes(amateurDir)) / GIB;
        double files = (Files.size(expertDir.resolve("model.safetensors")) + Files.size(amateurDir.resolve("model.safetensors"))) / GIB;
        System.out.printf("memory benchmark: %s, %s, %d cores; expert Qwen2.5-Math-1.5B shapes, amateur Qwen2.5-0.5B"
                        + " shapes, both BF16 files (%.2f GiB); weights as held (fp32) %.2f GiB; JVM heap max %.1f GiB%n",
                java.time.LocalDate.now(), TestDevice.get(), Runtime.getRuntime().availableProcessors(), files, weights,
                Runtime.getRuntime().maxMemory() / GIB);
        double start = Rss.current();
        List<int[]> prompts = new ArrayList<>();
        try (TextTokenizer tok = TextTokenizer.load(TOKENIZER)) {
            List<String> lines = Files.readAllLines(QUESTIONS).subList(0, 8);
            for (int i = 0; i < lines.size(); i++) {
                prompts.add(tok.encode(ChatPrompts.CHATML.sampling(Gsm8kRecords.parse(lines.get(i), i + 1).question())));
            }
        }
        long t = System.nanoTime();
        try (CausalLm expert = CausalLm.load(expertDir, TestDevice.get())) {
            double expertLoad = (System.nanoTime() - t) / 1e9;
            double afterExpert = Rss.peak();
            try (CausalLm amateur = CausalLm.load(amateurDir, TestDevice.get())) {
                double afterLoad = Rss.peak();
                System.out.printf("before loading: RSS %.2f GiB; expert loaded in %.1f s, peak %.2f GiB; both loaded:"
                        + " peak %.2f GiB = weights + %.2f GiB%n", start, expertLoad, afterExpert, afterLoad, afterLoad - weights);
                ContrastiveSampler sampler = new ContrastiveSampler(expert, amateur, 0.2, 0.4, newTokens);
                t = System.nanoTime();
                List<ContrastiveSampler.Outcome> outcomes = sampler.sample(prompts);
                double seconds = (System.nanoTime() - t) / 1e9;
                int steps = outcomes.stream().mapToInt(ContrastiveSampler.Outcome::stepsConsidered).sum();
                double peak = Rss.peak();
                System.out.printf("sampling batch 8, prompts %d–%d tokens, %d new tokens: %d steps in %.1f s; peak RSS"
                                + " %.2f GiB = weights + %.2f GiB (target: below weights + 2 GiB: %s); RSS now %.2f GiB%n",
                        prompts.stream().mapToInt(p -> p.length).min().orElse(0),
                        prompts.stream().mapToInt(p -> p.length).max().orElse(0), newTokens, steps, seconds, peak,
                        peak - weights, peak - weights < 2 ? "met" : "NOT met", Rss.current());
            }
        }
    }

    /** Bytes of a folder's weights once converted to fp32 (what the engine keeps). */
    private static long fp32Bytes(Path folder) throws IOException {
        SafeTensors st = SafeTensors.openFolder(folder);
        long bytes = 0;
        for (String name : st.names()) {
            long elements = 1;
            for (long d : st.entry(name).shape()) {
                elements *= d;
            }
            bytes += elements * 4;
        }
        return bytes;
    }

    /** A random BF16 model, streamed tensor by tensor (uniform values of standard deviation 0.02; norms 1). */
    static void writeBf16(Path folder, TinyModels.Spec spec, long seed) throws IOException {
        if (Files.exists(folder.resolve("model.safetensors"))) {
            return;
        }
        Files.createDirectories(folder);
        int d = spec.hiddenSize();
        int q = spec.heads() * spec.headDim();
        int kv = spec.kvHeads() * spec.headDim();
        int ff = spec.intermediateSize();
        Map<String, SafeTensors.Header> headers = new LinkedHashMap<>();
        headers.put("model.embed_tokens.weight", new SafeTensors.Header(new long[] {spec.vocabSize(), d}, "BF16"));
        for (int i = 0; i < spec.layers(); i++) {
            String p = "model.layers." + i + ".";
            headers.put(p + "input_layernorm.weight", new SafeTensors.Header(new long[] {d}, "BF16"));
            headers.put(p + "self_attn.q_proj.weight", new SafeTensors.Header(new long[] {q, d}, "BF16"));
            headers.put(p + "self_attn.q_proj.bias", new SafeTensors.Header(new long[] {q}, "BF16"));
            headers.put(p + "self_attn.k_proj.weight", new SafeTensors.Header(new long[] {kv, d}, "BF16"));
            headers.put(p + "self_attn.k_proj.bias", new SafeTensors.Header(new long[] {kv}, "BF16"));
            headers.put(p + "self_attn.v_proj.weight", new SafeTensors.Header(new long[] {kv, d}, "BF16"));
            headers.put(p + "self_attn.v_proj.bias", new SafeTensors.Header(new long[] {kv}, "BF16"));
            headers.put(p + "self_attn.o_proj.weight", new SafeTensors.Header(new long[] {d, q}, "BF16"));
            headers.put(p + "post_attention_layernorm.weight", new SafeTensors.Header(new long[] {d}, "BF16"));
            headers.put(p + "mlp.gate_proj.weight", new SafeTensors.Header(new long[] {ff, d}, "BF16"));
            headers.put(p + "mlp.up_proj.weight", new SafeTensors.Header(new long[] {ff, d}, "BF16"));
            headers.put(p + "mlp.down_proj.weight", new SafeTensors.Header(new long[] {d, ff}, "BF16"));
        }
        headers.put("model.norm.weight", new SafeTensors.Header(new long[] {d}, "BF16"));
        SplittableRandom random = new SplittableRandom(seed);
        double half = 0.02 * Math.sqrt(3);
        SafeTensors.write(folder.resolve("model.safetensors"), headers, name -> {
            long[] shape = headers.get(name).shape();
            float[] values = new float[Math.toIntExact(shape.length == 1 ? shape[0] : shape[0] * shape[1])];
            for (int i = 0; i < values.length; i++) {
                values[i] = name.endsWith("norm.weight") ? 1f : (float) ((random.nextDouble() * 2 - 1) * half);
            }
            return values;
        });
        TinyModels.writeConfig(folder, spec);
        ModelConfig.load(folder);
    }

    /** Resident set size of this process from /proc (Linux). */
    static final class Rss {
        static double current() throws IOException {
            return field("VmRSS:");
        }

        static double peak() throws IOException {
            return field("VmHWM:");
        }

        private static double field(String name) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024 / GIB;
                }
            }
            throw new IOException(name + " not in /proc/self/status");
        }
    }
}
