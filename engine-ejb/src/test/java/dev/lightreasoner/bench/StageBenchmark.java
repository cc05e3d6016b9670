package dev.lightreasoner.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.lightreasoner.engine.contrast.BatchContrast;
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
            if (amateur != null) {
                phases(expert, amateur, tokenizer, items.subList(0, batches[batches.length - 1]), newTokens);
            }
        }
        System.out.printf("peak resident memory of the process %d MiB%n", DecodeBenchmark.peakResidentMiB());
    }

    /**
     * Where one sampling batch's time goes: the expert's prefill alone (one new token), its whole generation with π_E
     * kept, the amateur's one pass, and the contrast (fp64 KL and soft labels) — the steps of {@link
     * ContrastiveSampler#sample}, timed one by one on the same batch.
     */
    private static void phases(CausalLm expert, CausalLm amateur, TextTokenizer tokenizer, List<Benchmarks.Item> batch,
                               int newTokens) {
        List<int[]> prompts = new ArrayList<>();
        for (Benchmarks.Item item : batch) {
            prompts.add(tokenizer.encode(ChatPrompts.CHATML.sampling(item.question())));
        }
        try (NDManager m = expert.newManager()) {
            long t0 = System.nanoTime();
            expert.generate(m, prompts, 1, new int[0], true).probabilities().close();
            long t1 = System.nanoTime();
            CausalLm.Trajectories runs = expert.generate(m, prompts, newTokens, expert.config().eosIds(), true);
            long t2 = System.nanoTime();
            List<int[]> trajectories = List.of(runs.tokens());
            NDArray logA = amateur.continuationLogProbs(m, prompts, trajectories);
            long t3 = System.nanoTime();
            List<Long> rowsE = new ArrayList<>();
            List<Long> rowsA = new ArrayList<>();
            long stepsE = runs.probabilities().getShape().get(1);
            long stepsA = logA.getShape().get(1);
            for (int i = 0; i < prompts.size(); i++) {
                for (int t = 1; t < runs.tokens()[i].length; t++) {
                    rowsE.add(i * stepsE + t);
                    rowsA.add(i * stepsA + t);
                }
            }
            NDArray pE = runs.probabilities().reshape(-1, runs.probabilities().getShape().get(2))
                    .get(m.create(rowsE.stream().mapToLong(Long::longValue).toArray()));
            NDArray lA = logA.reshape(-1, logA.getShape().get(2))
                    .get(m.create(rowsA.stream().mapToLong(Long::longValue).toArray()));
            BatchContrast.Result contrast = BatchContrast.of(pE, lA, 0.2, 0.4);
            long t4 = System.nanoTime();
            double all = (t4 - t1) / 1e9;
            System.out.printf("phases of one sampling batch of %d: expert prefill %.1f s, expert decoding %.1f s, amateur"
                            + " pass %.1f s, contrast of %d steps (%d kept) %.1f s; share of the expert %.0f%%%n",
                    prompts.size(), (t1 - t0) / 1e9, ((t2 - t1) - (t1 - t0)) / 1e9, (t3 - t2) / 1e9, rowsE.size(),
                    contrast.kept().size(), (t4 - t3) / 1e9, 100 * (t2 - t1) / 1e9 / all);
        }
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
