package dev.lightreasoner.engine.lab;

import dev.lightreasoner.engine.CheckedParameters;
import dev.lightreasoner.engine.DeclaredParameters;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.data.DataRoot;
import java.util.Map;

/** Parameters of the {@code synthesize} job: where to write the synthetic train/validation/test sets, sizes, seed. */
public record SynthesizeParameters(String folder, int train, int validation, int test, long seed) implements CheckedParameters {
    public static SynthesizeParameters from(Map<String, String> raw, DataRoot root) {
        DeclaredParameters p = DeclaredParameters.read("synthesize", raw);
        String folder = p.text("folder");
        root.newFolder("folder", folder);
        return new SynthesizeParameters(folder, p.smallInteger("train"), p.smallInteger("validation"),
                p.smallInteger("test"), p.integer("seed"));
    }
}
