package dev.lightreasoner.engine.training;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.data.DataRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parameters of the {@code merge} job: an adapter folder (PEFT layout), the base model (default: the one
 * named in adapter_config.json), a new output folder under the data root, and the dtype to write.
 */
public record MergeParameters(String adapter, String base, String output, String dtype) {
    private static final Set<String> KNOWN = Set.of("adapter", "base", "output", "dtype");

    public static MergeParameters from(Map<String, String> raw, DataRoot root) {
        for (String key : raw.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new InvalidParameterException(key, "unknown parameter of job 'merge' (known: " + KNOWN + ")");
            }
        }
        String adapter = raw.get("adapter");
        Path adapterFolder = root.resolve("adapter", adapter);
        if (!Files.isRegularFile(adapterFolder.resolve("adapter_config.json"))
                || !Files.isRegularFile(adapterFolder.resolve("adapter_model.safetensors"))) {
            throw new InvalidParameterException("adapter",
                    "not an adapter folder (adapter_config.json + adapter_model.safetensors): " + adapter);
        }
        String base = raw.get("base");
        if (base == null || base.isBlank()) {
            try {
                base = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                        adapterFolder.resolve("adapter_config.json").toFile()).path("base_model_name_or_path").asText("");
            } catch (java.io.IOException e) {
                throw new InvalidParameterException("adapter", "adapter_config.json cannot be read: " + e.getMessage());
            }
        }
        if (!Files.isRegularFile(root.resolve("base", base).resolve("config.json"))) {
            throw new InvalidParameterException("base", "not a model folder under the data root: " + base);
        }
        String output = raw.get("output");
        root.newFolder("output", output);
        String dtype = raw.getOrDefault("dtype", "F32").strip().toUpperCase(java.util.Locale.ROOT);
        if (!dtype.equals("F32") && !dtype.equals("F16") && !dtype.equals("BF16")) {
            throw new InvalidParameterException("dtype", "must be F32, F16 or BF16: " + dtype);
        }
        return new MergeParameters(adapter, base, output, dtype);
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("adapter", adapter);
        m.put("base", base);
        m.put("output", output);
        m.put("dtype", dtype);
        return m;
    }
}
