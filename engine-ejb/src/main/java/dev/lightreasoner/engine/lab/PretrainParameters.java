package dev.lightreasoner.engine.lab;

import static dev.lightreasoner.engine.ParameterValues.integer;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.ParameterValues;
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
        root.newFolder("output", output);
        int hidden = (int) integer(raw, "hiddenSize", 64, 8, 8192);
        int heads = (int) integer(raw, "heads", 4, 1, 256);
        int kvHeads = (int) integer(raw, "kvHeads", 2, 1, 256);
        if (hidden % heads != 0 || (hidden / heads) % 2 != 0) {
            throw new InvalidParameterException("heads", "hiddenSize / heads must be an even integer: " + hidden + " / " + heads);
        }
        if (heads % kvHeads != 0) {
            throw new InvalidParameterException("kvHeads", "must divide heads (" + heads + "): " + kvHeads);
        }
        double lr = ParameterValues.decimal(raw, "learningRate", 1e-3, 1e-12, 10);
        double clip = ParameterValues.decimal(raw, "maxGradNorm", 1.0, 0, 1e9);
        String device = ParameterValues.device(raw, "device");
        int maxSteps = (int) integer(raw, "maxSteps", 2000, 1, 100_000_000);
        int warmup = (int) integer(raw, "warmupSteps", 50, 0, 100_000_000);
        if (warmup >= maxSteps) {
            throw new InvalidParameterException("warmupSteps", "must be less than maxSteps (" + maxSteps + "): " + warmup);
        }
        return new PretrainParameters(data, integer(raw, "limit", 0, 0, Long.MAX_VALUE), output, hidden,
                (int) integer(raw, "layers", 2, 1, 256), heads, kvHeads, (int) integer(raw, "intermediateSize", 176, 8, 65536),
                integer(raw, "seed", 1, 0, Long.MAX_VALUE), maxSteps, (int) integer(raw, "batchSize", 8, 1, 4096), lr,
                warmup, clip, (int) integer(raw, "maxLength", 1024, 8, 1_000_000),
                (int) integer(raw, "checkpointEvery", 200, 1, 100_000_000), (int) integer(raw, "keep", 2, 2, 1000), device,
                integer(raw, "failAtStep", -1, -1, Long.MAX_VALUE));
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
