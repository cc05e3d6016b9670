package dev.lightreasoner.engine.lab;

import dev.lightreasoner.engine.CheckedParameters;
import dev.lightreasoner.engine.DeclaredParameters;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.ParameterValues;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.model.TinyModels;
import java.nio.file.Files;
import java.util.Map;

/**
 * Parameters of the {@code pretrain} job: a decoder in the qwen2 layout trained from random weights on a
 * JSONL file of {@code question} + {@code solution} records (the miniature lab's synthetic set), loss on the
 * solution (followed by {@code <|endoftext|>}), written as a Hugging Face folder at {@code output}.
 */
public record PretrainParameters(String data, long limit, String output, int hiddenSize, int layers, int heads,
                                 int kvHeads, int intermediateSize, long seed, int maxSteps, int batchSize,
                                 double learningRate, int warmupSteps, double maxGradNorm, int maxLength,
                                 int checkpointEvery, int keep, String device, long failAtStep) implements CheckedParameters {
    public static PretrainParameters from(Map<String, String> raw, DataRoot root) {
        DeclaredParameters p = DeclaredParameters.read("pretrain", raw);
        String data = p.text("data");
        root.existingFile("data", data);
        String output = p.text("output");
        root.newFolder("output", output);
        int hidden = p.smallInteger("hiddenSize");
        int heads = p.smallInteger("heads");
        int kvHeads = p.smallInteger("kvHeads");
        if (hidden % heads != 0 || (hidden / heads) % 2 != 0) {
            throw new InvalidParameterException("heads", "hiddenSize / heads must be an even integer: " + hidden + " / " + heads);
        }
        if (heads % kvHeads != 0) {
            throw new InvalidParameterException("kvHeads", "must divide heads (" + heads + "): " + kvHeads);
        }
        int maxSteps = p.smallInteger("maxSteps");
        int warmup = p.smallInteger("warmupSteps");
        if (warmup >= maxSteps) {
            throw new InvalidParameterException("warmupSteps", "must be less than maxSteps (" + maxSteps + "): " + warmup);
        }
        return new PretrainParameters(data, p.integer("limit"), output, hidden, p.smallInteger("layers"), heads, kvHeads,
                p.smallInteger("intermediateSize"), p.integer("seed"), maxSteps, p.smallInteger("batchSize"),
                p.decimal("learningRate"), warmup, p.decimal("maxGradNorm"), p.smallInteger("maxLength"),
                p.smallInteger("checkpointEvery"), p.smallInteger("keep"),
                ParameterValues.checkDevice("device", p.text("device")), p.integer("failAtStep"));
    }

    /** The decoder's shapes (qwen2 layout, byte-level vocabulary with room to spare, tied embeddings). */
    public TinyModels.Spec spec() {
        return new TinyModels.Spec("qwen2", hiddenSize, layers, heads, kvHeads, hiddenSize / heads, intermediateSize,
                272, true, 10_000);
    }
}
