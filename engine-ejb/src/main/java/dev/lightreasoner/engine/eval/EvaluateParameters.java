package dev.lightreasoner.engine.eval;

import dev.lightreasoner.engine.CheckedParameters;
import dev.lightreasoner.engine.DeclaredParameters;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.ParameterValues;
import dev.lightreasoner.engine.ShardedParameters;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.text.ChatPrompts;
import java.nio.file.Files;
import java.util.Map;

/**
 * Parameters of the {@code evaluate} job: a model folder, a benchmark file and its layout, and decoding
 * settings (zero-shot qwen25-math-cot prompt, greedy; docs/method.md §8).
 *
 * @param benchmark name under which the result is reported (e.g. gsm8k)
 * @param file      benchmark JSONL under the data root
 * @param format    gsm8k, svamp, asdiv, math500 or jsonl (then questionField / answerField name the fields)
 * @param from      first item: 0-based line of the file
 * @param limit     items from {@code from} (0 = to the end of the file)
 * @param shards    shards of the items, each run as its own execution on any node (1 = this one)
 * @param shardOf   for a shard: the evaluation it writes into (set by the sharded evaluation; 0 = its own)
 */
public record EvaluateParameters(String model, String benchmark, String file, String format, String questionField,
                                 String answerField, int maxNewTokens, int batchSize, long from, long limit,
                                 int chunkBatches, String device, String precision, String promptTemplate, int shards,
                                 long shardOf) implements CheckedParameters, ShardedParameters {
    public static EvaluateParameters from(Map<String, String> raw, DataRoot root) {
        DeclaredParameters p = DeclaredParameters.read("evaluate", raw);
        String model = p.text("model");
        if (!Files.isRegularFile(root.resolve("model", model).resolve("config.json"))) {
            throw new InvalidParameterException("model", "not a model folder under the data root: " + model);
        }
        String format = p.choice("format");
        String file = p.text("file");
        root.existingFile("file", file);
        String benchmark = p.text("benchmark") == null ? format : p.text("benchmark");
        if (!benchmark.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new InvalidParameterException("benchmark", "must be 1-64 letters, digits, '.', '_' or '-': " + benchmark);
        }
        String template = ChatPrompts.templateParameter(p.text("promptTemplate"), root.resolve("model", model), root);
        int shards = p.smallInteger("shards");
        long limit = p.integer("limit");
        if (limit > 0 && shards > limit) {
            throw new InvalidParameterException("shards", "must not exceed limit (" + limit + "): " + shards);
        }
        return new EvaluateParameters(model, benchmark, file, format, p.text("questionField"), p.text("answerField"),
                p.smallInteger("maxNewTokens"), p.smallInteger("batchSize"), p.integer("from"), limit,
                p.smallInteger("chunkBatches"), ParameterValues.checkDevice("device", p.text("device")),
                p.choice("precision"), template, shards, ShardedParameters.checkShardOf(shards, p.integer("shardOf")));
    }

    /** Lines [from, from + limit) of the file, or to its end when limit is 0 (never past its end). */
    @Override
    public long[] itemRange(DataRoot root) {
        try (java.util.stream.Stream<String> lines = Files.lines(root.existingFile("file", file))) {
            long end = lines.count();
            return new long[] {Math.min(from, end), limit > 0 ? Math.min(from + limit, end) : end};
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot count the lines of " + file, e);
        }
    }

    /** What the rules resolved beyond the declaration: the report name defaults to the format. */
    @Override
    public Map<String, String> resolved() {
        return Map.of("benchmark", benchmark, "device", device);
    }
}
