package dev.lightreasoner.engine.sampling;

import dev.lightreasoner.engine.CheckedParameters;
import dev.lightreasoner.engine.DeclaredParameters;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.ParameterValues;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.text.ChatPrompts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Parameters of the {@code sft-sample} job (the SFT baseline's rejection sampling): the expert draws
 * {@code samples} solutions per prepared question at {@code temperature} / {@code topP}, seeded.
 */
public record SftSampleParameters(String dataset, String expert, int samples, double temperature, double topP,
                                  long seed, int maxNewTokens, long from, long limit, String device,
                                  String precision, String promptTemplate) implements CheckedParameters {
    public static SftSampleParameters from(Map<String, String> raw, DataRoot root) {
        DeclaredParameters p = DeclaredParameters.read("sft-sample", raw);
        String expert = p.text("expert");
        Path folder = root.resolve("expert", expert);
        if (!Files.isRegularFile(folder.resolve("config.json"))) {
            throw new InvalidParameterException("expert", "not a model folder under the data root: " + expert);
        }
        double temperature = p.decimal("temperature");
        if (temperature == 0) {
            throw new InvalidParameterException("temperature", "must be in (0, 10]: " + temperature);
        }
        double topP = p.decimal("topP");
        if (topP == 0) {
            throw new InvalidParameterException("topP", "must be in (0, 1]: " + topP);
        }
        return new SftSampleParameters(p.text("dataset"), expert, p.smallInteger("samples"), temperature, topP,
                p.integer("seed"), p.smallInteger("maxNewTokens"), p.integer("from"), p.integer("limit"),
                ParameterValues.checkDevice("device", p.text("device")), p.choice("precision"),
                ChatPrompts.templateParameter(p.text("promptTemplate"), folder, root));
    }
}
