package dev.lightreasoner.engine.sampling;

import static dev.lightreasoner.engine.ParameterValues.integer;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.ParameterValues;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.model.Decoding;
import dev.lightreasoner.engine.text.ChatPrompts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * @param chunkBatches   batches per chunk (transaction and checkpoint)
 * @param failAtQuestion fault injection for tests: the writer fails on this question (-1 = never)
 * @param temperature    0 = greedy (default); above 0 the expert samples its trajectory and π_E is the warped
 *                       distribution the token was drawn from (docs/method.md B4, as for R1-Distill experts)
 * @param topP           nucleus of the sampled trajectory, (0, 1]
 * @param seed           with (question index), the only source of a sampled trajectory's randomness
 * @param promptTemplate Jinja chat template file under the data root ("" = the expert's own)
 */
public record SampleParameters(String dataset, String expert, String amateur, double alpha, double beta,
                               int maxNewTokens, int batchSize, long from, long limit, int partitions,
                               List<String> devices, int chunkBatches, long failAtQuestion, double temperature,
                               double topP, long seed, String promptTemplate) {

    private static final Set<String> KNOWN = Set.of("dataset", "expert", "amateur", "alpha", "beta", "maxNewTokens",
            "batchSize", "from", "limit", "partitions", "devices", "chunkBatches", "failAtQuestion", "temperature",
            "topP", "seed", "promptTemplate");

    public static SampleParameters from(Map<String, String> raw, DataRoot root) {
        for (String key : raw.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new InvalidParameterException(key, "unknown parameter of job 'sample' (known: " + KNOWN + ")");
            }
        }
        String dataset = raw.getOrDefault("dataset", "gsm8k-train");
        String expert = modelFolder(raw, "expert", root);
        String amateur = modelFolder(raw, "amateur", root);
        double alpha = decimal(raw, "alpha", 0.2);
        if (!(alpha > 0 && alpha <= 1)) {
            throw new InvalidParameterException("alpha", "must be in (0, 1]: " + alpha);
        }
        double beta = decimal(raw, "beta", 0.4);
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new InvalidParameterException("beta", "must be a finite number >= 0: " + beta);
        }
        int maxNewTokens = (int) integer(raw, "maxNewTokens", 128, 1, 32_768);
        int batchSize = (int) integer(raw, "batchSize", 8, 1, 1024);
        long from = integer(raw, "from", 0, 0, Long.MAX_VALUE);
        long limit = integer(raw, "limit", 1000, 1, 100_000_000);
        int partitions = (int) integer(raw, "partitions", 1, 1, 64);
        if (partitions > limit) {
            throw new InvalidParameterException("partitions", "must not exceed limit (" + limit + "): " + partitions);
        }
        List<String> devices = new ArrayList<>();
        for (String d : raw.getOrDefault("devices", "cpu").split(",")) {
            devices.add(ParameterValues.checkDevice("devices", d));
        }
        int chunkBatches = (int) integer(raw, "chunkBatches", 1, 1, 10_000);
        long failAt = integer(raw, "failAtQuestion", -1, -1, Long.MAX_VALUE);
        double temperature = decimal(raw, "temperature", 0);
        if (!(temperature >= 0 && temperature <= 10)) {
            throw new InvalidParameterException("temperature", "must be in [0, 10] (0 = greedy): " + temperature);
        }
        double topP = decimal(raw, "topP", 1);
        if (!(topP > 0 && topP <= 1)) {
            throw new InvalidParameterException("topP", "must be in (0, 1]: " + topP);
        }
        if (temperature == 0 && topP < 1) {
            throw new InvalidParameterException("topP", "applies to sampled trajectories only: set temperature > 0");
        }
        long seed = integer(raw, "seed", 0, 0, Long.MAX_VALUE);
        String template = ChatPrompts.templateParameter(raw, root.resolve("expert", expert), root);
        return new SampleParameters(dataset, expert, amateur, alpha, beta, maxNewTokens, batchSize, from, limit,
                partitions, List.copyOf(devices), chunkBatches, failAt, temperature, topP, seed, template);
    }

    /** A model folder under the data root holding config.json. */
    static String modelFolder(Map<String, String> raw, String name, DataRoot root) {
        String value = raw.get(name);
        Path folder = root.resolve(name, value);
        if (!Files.isDirectory(folder)) {
            throw new InvalidParameterException(name, "no such model folder under the data root: " + value);
        }
        if (!Files.isRegularFile(folder.resolve("config.json"))) {
            throw new InvalidParameterException(name, "not a model folder (no config.json): " + value);
        }
        return value;
    }

    static double decimal(Map<String, String> raw, String name, double fallback) {
        return ParameterValues.decimal(raw, name, fallback, -Double.MAX_VALUE, Double.MAX_VALUE);
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

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("expert", expert);
        m.put("amateur", amateur);
        m.put("alpha", Double.toString(alpha));
        m.put("beta", Double.toString(beta));
        m.put("maxNewTokens", Integer.toString(maxNewTokens));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("from", Long.toString(from));
        m.put("limit", Long.toString(limit));
        m.put("partitions", Integer.toString(partitions));
        m.put("devices", String.join(",", devices));
        m.put("chunkBatches", Integer.toString(chunkBatches));
        m.put("failAtQuestion", Long.toString(failAtQuestion));
        m.put("temperature", Double.toString(temperature));
        m.put("topP", Double.toString(topP));
        m.put("seed", Long.toString(seed));
        m.put("promptTemplate", promptTemplate);
        return m;
    }
}
