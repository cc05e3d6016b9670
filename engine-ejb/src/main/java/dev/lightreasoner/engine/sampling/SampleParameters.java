package dev.lightreasoner.engine.sampling;

import dev.lightreasoner.engine.CheckedParameters;
import dev.lightreasoner.engine.DeclaredParameters;
import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.ParameterValues;
import dev.lightreasoner.engine.ShardedParameters;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.model.Decoding;
import dev.lightreasoner.engine.text.ChatPrompts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parameters of the {@code sample} job, validated before it starts and read back by its artifacts.
 *
 * @param dataset        prepared dataset to sample from
 * @param expert         expert model folder (relative to the data root)
 * @param amateur        amateur model folder (relative to the data root)
 * @param alpha          plausibility factor, 0 &lt; α ≤ 1
 * @param beta           KL threshold, β ≥ 0 (a step is kept when KL ≥ β)
 * @param maxNewTokens   expert trajectory length cap
 * @param batchSize      questions generated together
 * @param from           first question index (0-based line of the source file)
 * @param limit          number of question indexes to cover from {@code from}
 * @param partitions     contiguous question ranges run in parallel
 * @param devices        devices, assigned to partitions round-robin
 * @param precision      fp32 or fp16 (weights and products of both models)
 * @param chunkBatches   batches per chunk (transaction and checkpoint)
 * @param failAtQuestion fault injection for tests: the writer fails on this question (-1 = never)
 * @param temperature    0 = greedy (default); above 0 the expert samples its trajectory and π_E is the warped
 *                       distribution the token was drawn from (docs/method.md B4, as for R1-Distill experts)
 * @param topP           nucleus of the sampled trajectory, (0, 1]
 * @param seed           with (question index), the only source of a sampled trajectory's randomness
 * @param promptTemplate Jinja chat template file under the data root ("" = the expert's own)
 * @param shards         shards of the question range, each run as its own execution on any node (1 = this one)
 * @param shardOf        for a shard: the run it writes into (set by the sharded run; 0 = its own)
 */
public record SampleParameters(String dataset, String expert, String amateur, double alpha, double beta,
                               int maxNewTokens, int batchSize, long from, long limit, int partitions,
                               List<String> devices, String precision, int chunkBatches, long failAtQuestion, double temperature,
                               double topP, long seed, String promptTemplate, int shards, long shardOf)
        implements CheckedParameters, ShardedParameters {

    public static SampleParameters from(Map<String, String> raw, DataRoot root) {
        DeclaredParameters p = DeclaredParameters.read("sample", raw);
        String expert = modelFolder(p.text("expert"), "expert", root);
        String amateur = modelFolder(p.text("amateur"), "amateur", root);
        double alpha = p.decimal("alpha");
        if (alpha == 0) {
            throw new InvalidParameterException("alpha", "must be in (0, 1]: " + alpha);
        }
        long limit = p.integer("limit");
        int partitions = p.smallInteger("partitions");
        if (partitions > limit) {
            throw new InvalidParameterException("partitions", "must not exceed limit (" + limit + "): " + partitions);
        }
        List<String> devices = new ArrayList<>();
        for (String d : p.text("devices").split(",")) {
            devices.add(ParameterValues.checkDevice("devices", d));
        }
        double temperature = p.decimal("temperature");
        double topP = p.decimal("topP");
        if (topP == 0) {
            throw new InvalidParameterException("topP", "must be in (0, 1]: " + topP);
        }
        if (temperature == 0 && topP < 1) {
            throw new InvalidParameterException("topP", "applies to sampled trajectories only: set temperature > 0");
        }
        String template = ChatPrompts.templateParameter(p.text("promptTemplate"), root.resolve("expert", expert), root);
        int shards = p.smallInteger("shards");
        if (shards > limit) {
            throw new InvalidParameterException("shards", "must not exceed limit (" + limit + "): " + shards);
        }
        long shardOf = ShardedParameters.checkShardOf(shards, p.integer("shardOf"));
        return new SampleParameters(p.text("dataset"), expert, amateur, alpha, p.decimal("beta"),
                p.smallInteger("maxNewTokens"), p.smallInteger("batchSize"), p.integer("from"), limit, partitions,
                List.copyOf(devices), p.choice("precision"), p.smallInteger("chunkBatches"), p.integer("failAtQuestion"), temperature, topP,
                p.integer("seed"), template, shards, shardOf);
    }

    /** A model folder under the data root holding config.json. */
    public static String modelFolder(String value, String name, DataRoot root) {
        Path folder = root.resolve(name, value);
        if (!Files.isDirectory(folder)) {
            throw new InvalidParameterException(name, "no such model folder under the data root: " + value);
        }
        if (!Files.isRegularFile(folder.resolve("config.json"))) {
            throw new InvalidParameterException(name, "not a model folder (no config.json): " + value);
        }
        return value;
    }

    public Path expertFolder(DataRoot root) {
        return root.resolve("expert", expert);
    }

    /** How the expert chooses its tokens: greedy, or sampled with a stream per question. */
    public Decoding decoding() {
        return new Decoding(temperature, topP, seed);
    }

    public Path amateurFolder(DataRoot root) {
        return root.resolve("amateur", amateur);
    }

    /** Question index range [start, end) of partition {@code p}: contiguous, sizes differ by at most one. */
    public long[] partitionRange(int p) {
        long base = limit / partitions;
        long extra = limit % partitions;
        long start = from + p * base + Math.min(p, extra);
        long size = base + (p < extra ? 1 : 0);
        return new long[] {start, start + size};
    }

    public String deviceOf(int partition) {
        return devices.get(partition % devices.size());
    }

    @Override
    public long[] itemRange(DataRoot root) {
        return new long[] {from, from + limit};
    }

    /** What the rules normalised beyond the declaration. */
    @Override
    public Map<String, String> resolved() {
        return Map.of("devices", String.join(",", devices));
    }
}
