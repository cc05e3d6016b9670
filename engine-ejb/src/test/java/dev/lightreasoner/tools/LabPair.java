package dev.lightreasoner.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightreasoner.engine.eval.Benchmarks;
import dev.lightreasoner.engine.eval.Evaluator;
import dev.lightreasoner.engine.lab.PretrainParameters;
import dev.lightreasoner.engine.lab.PretrainRun;
import dev.lightreasoner.engine.lab.SyntheticMath;
import dev.lightreasoner.engine.model.CausalLm;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.engine.text.TextTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures candidate expert/amateur pairs for the miniature lab: synthesizes the task, pretrains each
 * candidate from scratch with the engine, and prints its accuracy on the synthetic test set.
 * Run: {@code server-config/bin/bench.sh lab-pair target/lab "name:hidden:layers:heads:kv:ff:steps" ...}.
 */
public final class LabPair {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        // the split the synthesize job writes with its defaults, so the demo evaluates on problems the pair never saw
        SyntheticMath.write(work.resolve("data"), 5000, 1000, 2000, 1);
        // candidates are compared on the validation split; LAB_SPLIT=test reports the chosen pair once
        Path testFile = work.resolve("data/" + System.getenv().getOrDefault("LAB_SPLIT", "validation") + ".jsonl");
        List<String> testLines = Files.readAllLines(testFile);
        // LAB_TEST=n: the first n problems only
        testLines = testLines.subList(0, Math.min(testLines.size(),
                Integer.parseInt(System.getenv().getOrDefault("LAB_TEST", "1000"))));
        for (int c = 1; c < args.length; c++) {
            if (args[c].startsWith("eval=")) {                 // an existing model folder: accuracy only
                Path model = Path.of(args[c].substring(5));
                int correct = accuracy(model, testLines);
                System.out.printf("%s: %s accuracy %.1f%% (%d/%d)%n", model, testFile.getFileName(), 100.0 * correct / testLines.size(),
                        correct, testLines.size());
                continue;
            }
            String[] f = args[c].split(":");
            Map<String, String> raw = new HashMap<>(Map.of("data", "train.jsonl", "output", "out", "hiddenSize", f[1],
                    "layers", f[2], "heads", f[3], "kvHeads", f[4], "intermediateSize", f[5], "maxSteps", f[6]));
            // optional 8th field: learning rate; 9th: every how many steps a checkpoint is kept (amateur candidates)
            String lr = f.length > 7 ? f[7] : "0.002";
            long every = f.length > 8 ? Long.parseLong(f[8]) : -1;
            raw.putAll(Map.of("batchSize", "16", "learningRate", lr, "maxLength", "2048", "keep", "1000",
                    "warmupSteps", Integer.toString(Math.min(50, Integer.parseInt(f[6]) / 10))));
            PretrainParameters p = PretrainParameters.from(raw, new dev.lightreasoner.engine.data.DataRoot(work.resolve("data")));
            Path run = work.resolve("run-" + f[0]);
            long start = System.nanoTime();
            double firstLoss = 0;
            double lastLoss = 0;
            // a run folder with checkpoints resumes from the latest (bit-identical to an uninterrupted run)
            List<Long> done = new dev.lightreasoner.engine.training.CheckpointStore(run, p.keep()).steps();
            long resume = done.isEmpty() ? 0 : done.get(done.size() - 1);
            try (PretrainRun training = PretrainRun.open(p, work.resolve("data/train.jsonl"), run, resume)) {
                for (int s = (int) resume; s < p.maxSteps(); s++) {
                    double loss = training.step(s).loss();
                    if (s == resume) {
                        firstLoss = loss;
                    }
                    lastLoss = loss;
                    if (every > 0 && (s + 1) % every == 0 && s + 1 < p.maxSteps()) {
                        training.checkpoint(s + 1);
                        System.out.printf("  %s checkpoint %d written%n", f[0], s + 1);
                    }
                    if ((s + 1) % 100 == 0) {
                        System.out.printf("  %s step %d loss %.3f (%.0f s)%n", f[0], s + 1, loss, (System.nanoTime() - start) / 1e9);
                    }
                }
                training.checkpoint(p.maxSteps());
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            Path model = run.resolve("checkpoint-" + p.maxSteps());
            int correct = accuracy(model, testLines);
            System.out.printf("%s: d=%s layers=%s heads=%s/%s ff=%s steps=%s: loss %.3f -> %.3f in %.0f s; synthetic test"
                            + " accuracy (%s) %.1f%% (%d/%d)%n", f[0], f[1], f[2], f[3], f[4], f[5], f[6], firstLoss, lastLoss,
                    trainSeconds, testFile.getFileName(), 100.0 * correct / testLines.size(), correct, testLines.size());
        }
    }

    private static int accuracy(Path model, List<String> testLines) throws Exception {
        int correct = 0;
        try (CausalLm lm = CausalLm.load(model); TextTokenizer tok = TextTokenizer.load(model)) {
            Evaluator evaluator = new Evaluator(lm, tok, ChatPrompts.CHATML, 100);
            List<Benchmarks.Item> batch = new ArrayList<>();
            for (int i = 0; i < testLines.size(); i++) {
                batch.add(Benchmarks.parse("gsm8k", null, null, testLines.get(i), i + 1));
                if (batch.size() == 16 || i == testLines.size() - 1) {
                    for (Evaluator.Graded g : evaluator.evaluate(batch)) {
                        correct += g.correct() ? 1 : 0;
                        if (i < 16 && System.getenv("LAB_SHOW") != null) {
                            System.out.println("--- " + g.item().question() + "\n" + g.output());
                        }
                    }
                    batch.clear();
                }
            }
        }
        return correct;
    }
}
