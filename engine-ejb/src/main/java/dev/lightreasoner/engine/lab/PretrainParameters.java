package dev.lightreasoner.engine.lab;

import static dev.lightreasoner.engine.data.PrepareParameters.number;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.model.TinyModels;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parameters of the {@code pretrain} job: a decoder in the qwen2 layout trained from random weights on a
 * JSONL file of {@code question} + {@code solution} records (the miniature lab's synthetic set), loss on the
 * solution (followed by {@code <|endoftext|>}), written as a Hugging Face folder at {@code output}.
 */
public record PretrainParameters(String data, long limit, String output, int hiddenSize, int layers, int heads,
                                 int kvHeads, int intermediateSize, long seed, int maxSteps, int batchSize,
                                 double learningRate, int warmupSteps, double maxGradNorm, int maxLength,
                                 int checkpointEvery, int keep, String device, long failAtStep) {
    private static final Set<String> KNOWN = Set.of("data", "limit", "output", "hiddenSize", "layers", "heads",
            "kvHeads", "intermediateSize", "seed", "maxSteps", "batchSize", "learningRate", "warmupSteps",
            "maxGradNorm", "maxLength", "checkpointEvery", "keep", "device", "failAtStep");

    public static PretrainParameters from(Map<String, String> raw, DataRoot root) {
        for (String key : raw.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new InvalidParameterException(key, "unknown parameter of job 'pretrain' (known: " + KNOWN + ")");
            }
        }
        String data = raw.getOrDefault("data", "datasets/synthetic/train.jsonl");
        root.existingFile("data", data);
        String output = raw.get("output");
        if (output == null || output.isBlank()) {
            throw new InvalidParameterException("output", "is required: a new model folder under the data root");
        }
        root.resolve("output", output);
        int hidden = (int) number(raw, "hiddenSize", 64, 8, 8192);
        int heads = (int) number(raw, "heads", 4, 1, 256);
        int kvHeads = (int) number(raw, "kvHeads", 2, 1, 256);
        if (hidden % heads != 0 || (hidden / heads) % 2 != 0) {
            throw new InvalidParameterException("heads", "hiddenSize / heads must be an even integer: " + hidden + " / " + heads);
        }
        if (heads % kvHeads != 0) {
            throw new InvalidParameterException("kvHeads", "must divide heads (" + heads + "): " + kvHeads);
        }
        double lr = decimal(raw, "learningRate", 1e-3);
        double clip = decimal(raw, "maxGradNorm", 1.0);
        String device = raw.getOrDefault("device", "cpu").strip().toLowerCase(java.util.Locale.ROOT);
        if (!device.equals("cpu") && !device.matches("gpu:\\d{1,3}")) {
            throw new InvalidParameterException("device", "must be cpu or gpu:N: " + device);
        }
        int maxSteps = (int) number(raw, "maxSteps", 2000, 1, 100_000_000);
        int warmup = (int) number(raw, "warmupSteps", 50, 0, 100_000_000);
        if (warmup >= maxSteps) {
            throw new InvalidParameterException("warmupSteps", "must be less than maxSteps (" + maxSteps + "): " + warmup);
        }
        return new PretrainParameters(data, number(raw, "limit", 0, 0, Long.MAX_VALUE), output, hidden,
                (int) number(raw, "layers", 2, 1, 256), heads, kvHeads, (int) number(raw, "intermediateSize", 176, 8, 65536),
                number(raw, "seed", 1, 0, Long.MAX_VALUE), maxSteps, (int) number(raw, "batchSize", 8, 1, 4096), lr,
                warmup, clip, (int) number(raw, "maxLength", 1024, 8, 1_000_000),
                (int) number(raw, "checkpointEvery", 200, 1, 100_000_000), (int) number(raw, "keep", 2, 1, 1000), device,
                number(raw, "failAtStep", -1, -1, Long.MAX_VALUE));
    }

    private static double decimal(Map<String, String> raw, String name, double fallback) {
        String value = raw.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(value.strip());
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, "must be a positive number: " + value);
        }
    }

    /** The decoder's shapes (qwen2 layout, byte-level vocabulary with room to spare, tied embeddings). */
    public TinyModels.Spec spec() {
        return new TinyModels.Spec("qwen2", hiddenSize, layers, heads, kvHeads, hiddenSize / heads, intermediateSize,
                272, true, 10_000);
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("limit", Long.toString(limit));
        m.put("output", output);
        m.put("hiddenSize", Integer.toString(hiddenSize));
        m.put("layers", Integer.toString(layers));
        m.put("heads", Integer.toString(heads));
        m.put("kvHeads", Integer.toString(kvHeads));
        m.put("intermediateSize", Integer.toString(intermediateSize));
        m.put("seed", Long.toString(seed));
        m.put("maxSteps", Integer.toString(maxSteps));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("learningRate", Double.toString(learningRate));
        m.put("warmupSteps", Integer.toString(warmupSteps));
        m.put("maxGradNorm", Double.toString(maxGradNorm));
        m.put("maxLength", Integer.toString(maxLength));
        m.put("checkpointEvery", Integer.toString(checkpointEvery));
        m.put("keep", Integer.toString(keep));
        m.put("device", device);
        m.put("failAtStep", Long.toString(failAtStep));
        return m;
    }
}
