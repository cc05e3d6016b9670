package dev.lightreasoner.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.lightreasoner.engine.data.Gsm8kRecords;
import dev.lightreasoner.engine.model.CausalLm;
import dev.lightreasoner.engine.model.Decoder;
import dev.lightreasoner.engine.model.ModelConfig;
import dev.lightreasoner.engine.model.TestDevice;
import dev.lightreasoner.engine.model.TinyModels;
import dev.lightreasoner.engine.sampling.ContrastiveSampler;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.engine.text.TextTokenizer;
import dev.lightreasoner.engine.training.AdamW;
import dev.lightreasoner.engine.training.LoraAdapter;
import dev.lightreasoner.engine.training.LoraConfig;
import dev.lightreasoner.engine.training.SoftLabelTrainer;
import dev.lightreasoner.engine.training.TrainingExample;
import dev.lightreasoner.engine.training.TrainingOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Training throughput: forward tokens per epoch per-example padded, padding-free packed and by trajectory on the
 * sampling stage's real output, optimizer-step time in each mode, and model FLOPs utilisation against a matmul peak measured in the same
 * run. Run with {@code bench.sh training}.
 */
public final class TrainingBenchmark {
    private static final int QUESTIONS = 32;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench-models");
        if (args.length > 1 && args[1].equals("real")) {
            realShape(work);
            return;
        }
        // "wide": Qwen2.5-0.5B's layer shapes (d=896, 14 heads / 2 KV, ff 4864) with 4 layers and a small vocab
        boolean wide = args.length > 1 && args[1].equals("wide");
        TinyModels.Spec spec = wide ? new TinyModels.Spec("qwen2", 896, 4, 14, 2, 64, 4864, 300, true, 1_000_000)
                : new TinyModels.Spec("qwen2", 256, 4, 8, 2, 32, 704, 300, true, 1_000_000);
        String name = wide ? "bench-wide" : "bench";
        Path expertDir = TinyModels.write(work.resolve(name + "-expert"), spec, 7, wide ? 0.05 : 0.1);
        Path amateurDir = TinyModels.write(work.resolve(name + "-amateur"), spec.withLayers(2), 7, wide ? 0.05 : 0.1);
        double peak = HardwareLimits.matmulPeakGflops();
        System.out.printf("training benchmark: %s, %d cores; expert d=%d x %d layers; matmul peak %.1f GFLOP/s"
                        + " (1024^3 fp32, best of 5)%n", java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                spec.hiddenSize(), spec.layers(), peak);
        List<TrainingExample> examples = sampledExamples(expertDir, amateurDir);
        ModelConfig cfg = ModelConfig.load(expertDir);
        try (Decoder decoder = Decoder.load(expertDir, cfg, TestDevice.get())) {
            long params = HardwareLimits.matmulParameters(cfg);
            // per-example padded and padding-free draw examples as the reference does; by trajectory is the deviation
            for (SoftLabelTrainer.Packing packing : SoftLabelTrainer.Packing.values()) {
                boolean byTrajectory = packing == SoftLabelTrainer.Packing.TRAJECTORY;
                try (LoraAdapter adapter = LoraAdapter.create(cfg, LoraConfig.defaults(), TestDevice.get(), 42)) {
                    SoftLabelTrainer.Settings settings = new SoftLabelTrainer.Settings(8, 2, 5e-5, 0, 1000, 1.0, packing, 42, 256, 4096);
                    SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, adapter, AdamW.defaults(adapter.parameters()), settings);
                    TrainingOrder order = new TrainingOrder(examples, 42, byTrajectory);
                    int steps = (int) Math.ceil(examples.size() / 16.0);          // one epoch
                    long epochTokens = 0;
                    long realTokens = 0;
                    for (int s = 0; s < steps; s++) {
                        List<TrainingExample> batch = order.batch(s, 16);
                        for (int from = 0; from < 16; from += 8) {
                            SoftLabelTrainer.Layout layout = trainer.layout(batch.subList(from, from + 8), packing);
                            epochTokens += layout.paddedTokens();
                            realTokens += layout.tokens();
                        }
                    }
                    trainer.step(order.batch(0, 16));                             // warm-up
                    long t = System.nanoTime();
                    long tokens = 0;
                    int timed = Math.min(steps, 12);
                    for (int s = 1; s <= timed; s++) {
                        tokens += trainer.step(order.batch(s, 16)).forwardTokens();
                    }
                    double seconds = (System.nanoTime() - t) / 1e9;
                    double flops = 4.0 * params * tokens;                        // forward + activation-gradient backward
                    System.out.printf("%-12s (%s order): forward tokens per epoch %d (%d real); %d steps in %.2f s ="
                                    + " %.3f s/step, %.0f tok/s, %.1f model GFLOP/s = %.0f%% of the matmul peak%n",
                            packing.name().toLowerCase(java.util.Locale.ROOT), byTrajectory ? "trajectory" : "reference",
                            epochTokens, realTokens, timed, seconds, seconds / timed, tokens / seconds, flops / seconds / 1e9,
                            100 * flops / seconds / 1e9 / peak);
                }
            }
        }
    }

    /**
     * The default training mode (reference order, padding-free packing, LoRA r=8 on q/v, batch 8 × accumulation 2)
     * on the full-depth model with Qwen2.5-0.5B's shapes (24 layers, vocabulary 151,936). Sampling that model on a
     * CPU takes too long for a benchmark, so the examples are GSM8K questions with a prefix of their reference
     * solution (real Qwen2.5 tokens, real lengths) and a soft label over four tokens: the same shapes and lengths
     * a sampling run's kept steps have.
     */
    private static void realShape(Path work) throws Exception {
        Path folder = work.resolve("qwen25-0.5b");
        if (!Files.exists(folder.resolve("model.safetensors"))) {
            TinyModels.write(folder, TinyModels.Spec.qwen25HalfB(), 1, 0.02);
        }
        double peak = HardwareLimits.matmulPeakGflops();
        List<TrainingExample> examples = new ArrayList<>();
        java.util.Random random = new java.util.Random(42);
        int labelVocab;
        try (TextTokenizer tok = TextTokenizer.load(Path.of("engine-ejb/src/test/resources/tokenizers/qwen2.5"))) {
            labelVocab = tok.ordinaryTokens();
            List<String> lines = Files.readAllLines(Path.of("server-config/src/main/data/datasets/gsm8k/train.jsonl"))
                    .subList(0, 64);
            for (int i = 0; i < lines.size(); i++) {
                dev.lightreasoner.engine.data.QuestionRecord q = Gsm8kRecords.parse(lines.get(i), i + 1);
                int[] prompt = tok.encode(ChatPrompts.CHATML.sampling(q.question()));
                int[] solution = tok.encode(q.answer());
                for (int k = 0; k < 4; k++) {
                    int step = 1 + random.nextInt(solution.length - 1);
                    int[] label = {solution[step], random.nextInt(labelVocab), random.nextInt(labelVocab),
                            random.nextInt(labelVocab)};
                    examples.add(new TrainingExample(i, step, prompt, Arrays.copyOf(solution, step), label,
                            new double[] {0.7, 0.1, 0.1, 0.1}));
                }
            }
        }
        ModelConfig cfg = ModelConfig.load(folder);
        long params = HardwareLimits.matmulParameters(cfg);
        System.out.printf("training benchmark, real shape: %s, %d cores, threads %s; Qwen2.5-0.5B shapes (%,d matmul"
                        + " parameters, 24 layers); %d examples (GSM8K prompts + solution prefixes, real Qwen2.5 tokens);"
                        + " matmul peak %.1f GFLOP/s%n", java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"), params, examples.size(), peak);
        try (Decoder decoder = Decoder.load(folder, cfg, TestDevice.get());
             LoraAdapter adapter = LoraAdapter.create(cfg, LoraConfig.defaults(), TestDevice.get(), 42)) {
            SoftLabelTrainer.Settings settings = new SoftLabelTrainer.Settings(8, 2, 5e-5, 0, 1000, 1.0,
                    SoftLabelTrainer.Packing.PADDING_FREE, 42, labelVocab, 4096);
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, adapter, AdamW.defaults(adapter.parameters()), settings);
            TrainingOrder order = new TrainingOrder(examples, 42, false);
            long start = System.nanoTime();
            long warmTokens = trainer.step(order.batch(0, 16)).forwardTokens();
            System.out.printf("warm-up step: %d forward tokens in %.1f s%n", warmTokens, (System.nanoTime() - start) / 1e9);
            int timed = 3;
            long tokens = 0;
            long t = System.nanoTime();
            for (int s = 1; s <= timed; s++) {
                tokens += trainer.step(order.batch(s, 16)).forwardTokens();
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            // the LM head (a quarter of this model's weights) runs only on the labelled rows, 16 per step
            long head = (long) cfg.hiddenSize() * cfg.vocabSize();
            double flops = 4.0 * (params - head) * tokens + 4.0 * head * 16 * timed;
            System.out.printf("packed (reference order), batch 8 x 2: %d steps, %d forward tokens in %.1f s = %.1f s/step,"
                            + " %.0f tok/s, %.1f model GFLOP/s = %.0f%% of the matmul peak%n", timed, tokens, seconds,
                    seconds / timed, tokens / seconds, flops / seconds / 1e9, 100 * flops / seconds / 1e9 / peak);
        }
        System.out.printf("peak resident memory of the process %d MiB%n", DecodeBenchmark.peakResidentMiB());
    }

    /** The sampling stage's real output on the bench pair: every kept step as a training example. */
    private static List<TrainingExample> sampledExamples(Path expertDir, Path amateurDir) throws Exception {
        List<TrainingExample> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of("server-config/src/main/data/datasets/gsm8k/train.jsonl"))
                .subList(0, QUESTIONS);
        try (CausalLm expert = CausalLm.load(expertDir, TestDevice.get());
             CausalLm amateur = CausalLm.load(amateurDir, TestDevice.get());
             TextTokenizer tok = TextTokenizer.load(expertDir)) {
            ContrastiveSampler sampler = new ContrastiveSampler(expert, amateur, 0.2, 0.4, 128);
            long considered = 0;
            for (int i = 0; i < lines.size(); i++) {
                int[] prompt = tok.encode(ChatPrompts.CHATML.sampling(Gsm8kRecords.parse(lines.get(i), i + 1).question()));
                ContrastiveSampler.Outcome o = sampler.sample(List.of(prompt)).get(0);
                considered += o.stepsConsidered();
                for (ContrastiveSampler.KeptStep k : o.kept()) {
                    out.add(new TrainingExample(i, k.step(), prompt, Arrays.copyOf(o.trajectory(), k.step()), k.tokenIds(),
                            k.weights()));
                }
            }
            System.out.printf("sampling output: %d questions, %d steps considered, %d kept (beta 0.4)%n", QUESTIONS,
                    considered, out.size());
        }
        return out;
    }
}
