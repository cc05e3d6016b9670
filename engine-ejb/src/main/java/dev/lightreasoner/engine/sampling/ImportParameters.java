package dev.lightreasoner.engine.sampling;

import dev.lightreasoner.engine.CheckedParameters;
import dev.lightreasoner.engine.DeclaredParameters;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.data.DataRoot;
import java.util.Map;

/**
 * Parameters of the {@code import-samples} job: a LightReasoner JSONL sample file (e.g. a published set) and
 * the expert whose tokenizer turns its text prompts and prefixes back into token ids.
 */
public record ImportParameters(String file, String expert, int chunkSize, int skipLimit) implements CheckedParameters {
    /** The prepared dataset an import's questions are stored under. */
    public static String dataset(long importInstance) {
        return "import-" + importInstance;
    }

    public static ImportParameters from(Map<String, String> raw, DataRoot root) {
        DeclaredParameters p = DeclaredParameters.read("import-samples", raw);
        String file = p.text("file");
        root.existingFile("file", file);
        String expert = SampleParameters.modelFolder(p.text("expert"), "expert", root);
        return new ImportParameters(file, expert, p.smallInteger("chunkSize"), p.smallInteger("skipLimit"));
    }
}
