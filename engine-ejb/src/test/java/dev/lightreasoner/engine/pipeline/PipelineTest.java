package dev.lightreasoner.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lightreasoner.engine.CheckedParameters;
import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.eval.Comparisons;
import dev.lightreasoner.engine.model.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
    @TempDir
    Path root;

    /** The paper's 1.5B row on 1,000 items each: averages as the README reports them (42.4 → 54.2 over 7 benchmarks). */
    @Test
    void reportTablesAndGains() {
        List<String> b = List.of("gsm8k", "math", "svamp", "asdiv", "minerva", "olympiad", "mmlu");
        Map<String, Map<String, Comparisons.Accuracy>> acc = new LinkedHashMap<>();
        acc.put(RunReport.BASELINE, row(b, 425, 342, 688, 681, 99, 237, 498));
        acc.put(RunReport.LIGHTR, row(b, 706, 593, 760, 798, 114, 271, 549));
        Map<String, RunReport.Efficiency> eff = new LinkedHashMap<>();
        eff.put(RunReport.LIGHTR, new RunReport.Efficiency(1800, 1000, 640, 20_000));
        Map<String, Map<String, Comparisons.Paired>> paired = Map.of(RunReport.LIGHTR,
                Map.of("gsm8k", new Comparisons.Paired(1000, 300, 19)));
        RunReport r = new RunReport(7, "Qwen2.5-Math-1.5B", b, acc, paired, eff);
        assertEquals(42.4, r.average(RunReport.BASELINE), 0.05);
        assertEquals(54.2, r.average(RunReport.LIGHTR), 0.05);
        assertEquals(11.729, r.averageGain(RunReport.LIGHTR), 0.001);   // from unrounded averages
        String md = r.markdown();
        assertTrue(md.contains("| baseline | 42.5 | 34.2 | 68.8 | 68.1 | 9.9 | 23.7 | 49.8 | 42.4 |"), md);
        assertTrue(md.contains("| baseline | gsm8k | 425 / 1000 | 39.5 – 45.6 |"), md);
        assertTrue(md.contains("| LightR | gsm8k | +28.10 | 1.55 | +25.06 – +31.14 | 300 | 19 | "), md);
        assertTrue(md.contains("| LightR | 30.0 min | 1000 | 640 | 20000 | +11.7 |"), md);
        assertEquals(List.of(RunReport.BASELINE, RunReport.LIGHTR), r.variants());
        Map<String, Object> json = r.toJson();
        assertEquals(42.5, ((Map<?, ?>) ((Map<?, ?>) json.get("accuracy")).get(RunReport.BASELINE)).get("gsm8k"));
    }

    private static Map<String, Comparisons.Accuracy> row(List<String> names, long... correct) {
        Map<String, Comparisons.Accuracy> m = new LinkedHashMap<>();
        for (int i = 0; i < correct.length; i++) {
            m.put(names.get(i), new Comparisons.Accuracy(1000, correct[i]));
        }
        return m;
    }

    @Test
    void parametersValidateEveryStageAndRoundTrip() throws IOException {
        DataRoot r = new DataRoot(root);
        Files.createDirectories(root.resolve("datasets/gsm8k"));
        Files.writeString(root.resolve("datasets/gsm8k/train.jsonl"), "{}\n");
        Files.writeString(root.resolve("datasets/gsm8k/test.jsonl"), "{}\n");
        TinyModels.writeConfig(Files.createDirectories(root.resolve("models/e")), TinyModels.Spec.qwen2());
        TinyModels.writeConfig(Files.createDirectories(root.resolve("models/a")), TinyModels.Spec.qwen2());
        Map<String, String> raw = Map.of("expert", "models/e", "amateur", "models/a", "questions", "8",
                "sample.beta", "1.5", "train.maxSteps", "4", "sft", "true", "evaluate.limit", "3");
        PipelineParameters p = PipelineParameters.from(raw, r);
        assertEquals("1.5", p.sample().get("beta"));
        assertEquals("8", p.sample().get("limit"));
        assertEquals("sft", p.train(9, true).get("objective"));
        assertEquals("9", p.train(9, false).get("samples"));
        assertEquals("3", p.evaluate("models/e", p.benchmarks().get(0)).get("limit"));
        assertEquals(p, PipelineParameters.from(CheckedParameters.effective("lightreasoner", raw, p), r),
                "what the service stores reads back the same");

        InvalidParameterException bad = assertThrows(InvalidParameterException.class, () -> PipelineParameters.from(
                Map.of("expert", "models/e", "amateur", "models/a", "sample.alpha", "2"), r));
        assertEquals("sample.alpha", bad.parameter());
        assertEquals("train.learningRate", assertThrows(InvalidParameterException.class, () -> PipelineParameters.from(
                Map.of("expert", "models/e", "amateur", "models/a", "train.learningRate", "x"), r)).parameter());
        assertEquals("amateur", assertThrows(InvalidParameterException.class, () -> PipelineParameters.from(
                Map.of("expert", "models/e"), r)).parameter());
        assertEquals("benchmarks", assertThrows(InvalidParameterException.class, () -> PipelineParameters.from(
                Map.of("expert", "models/e", "amateur", "models/a", "benchmarks", "aime"), r)).parameter());
        assertEquals("color", assertThrows(InvalidParameterException.class, () -> PipelineParameters.from(
                Map.of("expert", "models/e", "amateur", "models/a", "color", "red"), r)).parameter());
        InvalidParameterException setByPipeline = assertThrows(InvalidParameterException.class, () -> PipelineParameters.from(
                Map.of("expert", "models/e", "amateur", "models/a", "train.samples", "3"), r));
        assertEquals("train.samples", setByPipeline.parameter(), "would be silently replaced by the sampling stage's run");
        assertTrue(setByPipeline.getMessage().contains("set by the pipeline"), setByPipeline.getMessage());
    }
}
