package dev.lightreasoner.bench;

import ai.djl.engine.Engine;
import dev.lightreasoner.engine.eval.Benchmarks;
import dev.lightreasoner.engine.eval.Evaluator;
import dev.lightreasoner.engine.model.CausalLm;
import dev.lightreasoner.engine.model.TestDevice;
import dev.lightreasoner.engine.model.TinyModels;
import dev.lightreasoner.engine.sampling.ContrastiveSampler;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.engine.text.TextTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Questions per second of the sampling and evaluation stages' engine calls on a random pair with real shapes:
 * expert = Qwen2.5-0.5B's shapes, amateur hidden 512 × 8 layers (same vocabulary), prompts made from GSM8K test
 * questions by the real Qwen2.5 tokenizer. Sampling: {@link ContrastiveSampler} end to end (expert trajectories
 * with π_E, one amateur pass, contrast); evaluation: {@link Evaluator} (qwen25-math-cot prompt, greedy). Each batch
 * size runs the same questions in consecutive batches after a warm-up batch. Run with {@code bench.sh sampling} or
 * {@code bench.sh evaluate}: {@code [work-dir] [batches] [questions] [new tokens]}.
 */
public final class StageBenchmark {
    private static final Path TOKENIZER = Path.of("engine-ejb/src/test/resources/tokenizers/qwen2.5");
    private static final Path QUESTIONS = Path.of("server-config/src/main/data/datasets/gsm8k/test.jsonl");
    static final TinyModels.Spec AMATEUR = new TinyModels.Spec("qwen2", 512, 8, 8, 2, 64, 2816, 151_936, true, 1_000_000);

    public static void main(String[] args) throws Exception {
        String stage = args[0];
        Path work = Path.of(args.length > 1 ? args[1] : "target/bench-models");
        int[] batches = Arrays.stream((args.length > 2 ? args[2] : "1,4,8,16").split(",")).mapToInt(Integer::parseInt).toArray();
        int questions = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        int newTokens = args.length > 4 ? Integer.parseInt(args[4]) : 32;
        Path expertDir = model(work.resolve("qwen25-0.5b"), TinyModels.Spec.qwen25HalfB());
        Path amateurDir = model(work.resolve("amateur-512x8"), AMATEUR);
        List<Benchmarks.Item> items = new ArrayList<>();
        List<String> lines = Files.readAllLines(QUESTIONS);
        for (int i = 0; i < questions + batches[batches.length - 1]; i++) {
            items.add(Benchmarks.parse("gsm8k", null, null, lines.get(i), i + 1));
        }
        System.out.printf("%s benchmark: %s, PyTorch %s, %s, %d cores, threads %s; expert Qwen2.5-0.5B shapes, amateur"
                        + " 512 x 8 layers; %d questions per batch size, %d new tokens%n", stage, java.time.LocalDate.now(),
                Engine.getInstance().getVersion(), TestDevice.get(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"), questions, newTokens);
        try (TextTokenizer tokenizer = TextTokenizer.load(TOKENIZER);
             CausalLm expert = CausalLm.load(expertDir, TestDevice.get());
             CausalLm amateur = "sampling".equals(stage) ? CausalLm.load(amateurDir, TestDevice.get()) : null) {
            Run run = switch (stage) {
                case "sampling" -> sampling(new ContrastiveSampler(expert, amateur, 0.2, 0.4, newTokens), tokenizer);
                case "evaluate" -> evaluation(new Evaluator(expert, tokenizer, ChatPrompts.CHATML, newTokens));
                default -> throw new IllegalArgumentException("stage must be sampling or evaluate: " + stage);
            };
            double batchOne = 0;
            for (int batch : batches) {
                run.questions(items.subList(questions, questions + batch));                  // warm-up of this size
                long t = System.nanoTime();
                long tokens = 0;
                for (int i = 0; i < questions; i += batch) {
                    tokens += run.questions(items.subList(i, Math.min(questions, i + batch)));
                }
                double seconds = (System.nanoTime() - t) / 1e9;
                double rate = questions / seconds;
                batchOne = batch == batches[0] ? rate : batchOne;
                System.out.printf("%s, batch %2d: %d questions (%d tokens generated) in %.1f s = %.3f questions/s%s%n",
                        stage, batch, questions, tokens, seconds, rate,
                        batch == batches[0] ? "" : String.format(" (%.2f× batch %d)", rate / batchOne, batches[0]));
            }
        }
        System.out.printf("peak resident memory of the process %d MiB%n", DecodeBenchmark.peakResidentMiB());
    }

    /** One batch of questions through the stage; returns the tokens generated. */
    private interface Run {
        long questions(List<Benchmarks.Item> batch);
    }

    private static Run sampling(ContrastiveSampler sampler, TextTokenizer tokenizer) {
        return batch -> {
            List<int[]> prompts = new ArrayList<>();
            for (Benchmarks.Item item : batch) {
                prompts.add(tokenizer.encode(ChatPrompts.CHATML.sampling(item.question())));
            }
            return sampler.sample(prompts).stream().mapToLong(o -> o.trajectory().length).sum();
        };
    }

    private static Run evaluation(Evaluator evaluator) {
        return batch -> evaluator.evaluate(batch).stream().mapToLong(Evaluator.Graded::generatedTokens).sum();
    }

    private static Path model(Path folder, TinyModels.Spec spec) throws java.io.IOException {
        if (!Files.exists(folder.resolve("model.safetensors"))) {
            TinyModels.write(folder, spec, 1, 0.02);
        }
        return folder;
    }
}
