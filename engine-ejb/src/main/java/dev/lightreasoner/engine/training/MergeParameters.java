package dev.lightreasoner.engine.training;

import dev.lightreasoner.engine.CheckedParameters;
import dev.lightreasoner.engine.DeclaredParameters;
import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.data.DataRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Parameters of the {@code merge} job: an adapter folder (PEFT layout), the base model (default: the one
 * named in adapter_config.json), a new output folder under the data root, and the dtype to write.
 */
public record MergeParameters(String adapter, String base, String output, String dtype) implements CheckedParameters {
    public static MergeParameters from(Map<String, String> raw, DataRoot root) {
        DeclaredParameters p = DeclaredParameters.read("merge", raw);
        String adapter = p.text("adapter");
        Path adapterFolder = root.resolve("adapter", adapter);
        if (!Files.isRegularFile(adapterFolder.resolve("adapter_config.json"))
                || !Files.isRegularFile(adapterFolder.resolve("adapter_model.safetensors"))) {
            throw new InvalidParameterException("adapter",
                    "not an adapter folder (adapter_config.json + adapter_model.safetensors): " + adapter);
        }
        String base = p.text("base");
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
        String output = p.text("output");
        root.newFolder("output", output);
        return new MergeParameters(adapter, base, output, p.choice("dtype"));
    }

    /** What the rules resolved beyond the declaration: the base named by the adapter. */
    @Override
    public Map<String, String> resolved() {
        return Map.of("base", base);
    }
}
