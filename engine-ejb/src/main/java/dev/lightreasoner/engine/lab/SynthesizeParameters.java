package dev.lightreasoner.engine.lab;

import static dev.lightreasoner.engine.ParameterValues.integer;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.data.DataRoot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Parameters of the {@code synthesize} job: where to write the synthetic train/validation/test sets, sizes, seed. */
public record SynthesizeParameters(String folder, int train, int validation, int test, long seed) {
    private static final Set<String> KNOWN = Set.of("folder", "train", "validation", "test", "seed");

    public static SynthesizeParameters from(Map<String, String> raw, DataRoot root) {
        for (String key : raw.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new InvalidParameterException(key, "unknown parameter of job 'synthesize' (known: " + KNOWN + ")");
            }
        }
        String folder = raw.getOrDefault("folder", "datasets/synthetic");
        root.newFolder("folder", folder);
        return new SynthesizeParameters(folder, (int) integer(raw, "train", 5000, 1, 10_000_000),
                (int) integer(raw, "validation", 1000, 1, 10_000_000), (int) integer(raw, "test", 2000, 1, 10_000_000), integer(raw, "seed", 1, 0, Long.MAX_VALUE));
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("folder", folder);
        m.put("train", Integer.toString(train));
        m.put("validation", Integer.toString(validation));
        m.put("test", Integer.toString(test));
        m.put("seed", Long.toString(seed));
        return m;
    }
}
