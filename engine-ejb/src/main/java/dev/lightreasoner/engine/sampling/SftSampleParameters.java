package dev.lightreasoner.engine.sampling;

import static dev.lightreasoner.engine.ParameterValues.integer;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.ParameterValues;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.text.ChatPrompts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parameters of the {@code sft-sample} job (the SFT baseline's rejection sampling): the expert draws
 * {@code samples} solutions per prepared question at {@code temperature} / {@code topP}, seeded.
 */
public record SftSampleParameters(String dataset, String expert, int samples, double temperature, double topP,
                                  long seed, int maxNewTokens, long from, long limit, String device,
                                  String promptTemplate) {
    private static final Set<String> KNOWN = Set.of("dataset", "expert", "samples", "temperature", "topP", "seed",
            "maxNewTokens", "from", "limit", "device", "promptTemplate");

    public static SftSampleParameters from(Map<String, String> raw, DataRoot root) {
        for (String key : raw.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new InvalidParameterException(key, "unknown parameter of job 'sft-sample' (known: " + KNOWN + ")");
            }
        }
        String expert = raw.get("expert");
        Path folder = root.resolve("expert", expert);
        if (!Files.isRegularFile(folder.resolve("config.json"))) {
            throw new InvalidParameterException("expert", "not a model folder under the data root: " + expert);
        }
        double temperature = SampleParameters.decimal(raw, "temperature", 0.7);
        if (!(temperature > 0 && temperature <= 10)) {
            throw new InvalidParameterException("temperature", "must be in (0, 10]: " + temperature);
        }
        double topP = SampleParameters.decimal(raw, "topP", 0.95);
        if (!(topP > 0 && topP <= 1)) {
            throw new InvalidParameterException("topP", "must be in (0, 1]: " + topP);
        }
        String device = ParameterValues.device(raw, "device");
        return new SftSampleParameters(raw.getOrDefault("dataset", "gsm8k-train"), expert,
                (int) integer(raw, "samples", 4, 1, 1024), temperature, topP, integer(raw, "seed", 0, 0, Long.MAX_VALUE),
                (int) integer(raw, "maxNewTokens", 512, 1, 32_768), integer(raw, "from", 0, 0, Long.MAX_VALUE),
                integer(raw, "limit", 1000, 1, 100_000_000), device, ChatPrompts.templateParameter(raw, folder, root));
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("expert", expert);
        m.put("samples", Integer.toString(samples));
        m.put("temperature", Double.toString(temperature));
        m.put("topP", Double.toString(topP));
        m.put("seed", Long.toString(seed));
        m.put("maxNewTokens", Integer.toString(maxNewTokens));
        m.put("from", Long.toString(from));
        m.put("limit", Long.toString(limit));
        m.put("device", device);
        m.put("promptTemplate", promptTemplate);
        return m;
    }
}
