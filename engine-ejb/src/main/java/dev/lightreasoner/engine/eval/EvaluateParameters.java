package dev.lightreasoner.engine.eval;

import static dev.lightreasoner.engine.ParameterValues.integer;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.ParameterValues;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.text.ChatPrompts;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parameters of the {@code evaluate} job: a model folder, a benchmark file and its layout, and decoding
 * settings (zero-shot qwen25-math-cot prompt, greedy; docs/method.md §8).
 *
 * @param benchmark name under which the result is reported (e.g. gsm8k)
 * @param file      benchmark JSONL under the data root
 * @param format    gsm8k, svamp, asdiv, math500 or jsonl (then questionField / answerField name the fields)
 */
public record EvaluateParameters(String model, String benchmark, String file, String format, String questionField,
                                 String answerField, int maxNewTokens, int batchSize, long limit, int chunkBatches,
                                 String device, String promptTemplate) {
    private static final Set<String> KNOWN = Set.of("model", "benchmark", "file", "format", "questionField",
            "answerField", "maxNewTokens", "batchSize", "limit", "chunkBatches", "device", "promptTemplate");

    public static EvaluateParameters from(Map<String, String> raw, DataRoot root) {
        for (String key : raw.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new InvalidParameterException(key, "unknown parameter of job 'evaluate' (known: " + KNOWN + ")");
            }
        }
        String model = raw.get("model");
        if (!Files.isRegularFile(root.resolve("model", model).resolve("config.json"))) {
            throw new InvalidParameterException("model", "not a model folder under the data root: " + model);
        }
        String format = raw.getOrDefault("format", "gsm8k").strip();
        if (!Benchmarks.FORMATS.contains(format)) {
            throw new InvalidParameterException("format", "must be one of " + Benchmarks.FORMATS + ": " + format);
        }
        String file = raw.getOrDefault("file", "datasets/gsm8k/test.jsonl");
        root.existingFile("file", file);
        String benchmark = raw.getOrDefault("benchmark", format);
        if (!benchmark.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new InvalidParameterException("benchmark", "must be 1-64 letters, digits, '.', '_' or '-': " + benchmark);
        }
        String questionField = raw.getOrDefault("questionField", "question");
        String answerField = raw.getOrDefault("answerField", "answer");
        int maxNewTokens = (int) integer(raw, "maxNewTokens", 2048, 1, 32_768);
        int batchSize = (int) integer(raw, "batchSize", 8, 1, 1024);
        long limit = integer(raw, "limit", 0, 0, Long.MAX_VALUE);
        int chunkBatches = (int) integer(raw, "chunkBatches", 1, 1, 10_000);
        String device = ParameterValues.device(raw, "device");
        String template = ChatPrompts.templateParameter(raw, root.resolve("model", model), root);
        return new EvaluateParameters(model, benchmark, file, format, questionField, answerField, maxNewTokens, batchSize,
                limit, chunkBatches, device, template);
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("benchmark", benchmark);
        m.put("file", file);
        m.put("format", format);
        m.put("questionField", questionField);
        m.put("answerField", answerField);
        m.put("maxNewTokens", Integer.toString(maxNewTokens));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("limit", Long.toString(limit));
        m.put("chunkBatches", Integer.toString(chunkBatches));
        m.put("device", device);
        m.put("promptTemplate", promptTemplate);
        return m;
    }
}
