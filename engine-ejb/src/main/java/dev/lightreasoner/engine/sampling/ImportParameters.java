package dev.lightreasoner.engine.sampling;

import static dev.lightreasoner.engine.ParameterValues.integer;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.data.DataRoot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parameters of the {@code import-samples} job: a LightReasoner JSONL sample file (e.g. a published set) and
 * the expert whose tokenizer turns its text prompts and prefixes back into token ids.
 */
public record ImportParameters(String file, String expert, int chunkSize, int skipLimit) {
    private static final Set<String> KNOWN = Set.of("file", "expert", "chunkSize", "skipLimit");

    public static ImportParameters from(Map<String, String> raw, DataRoot root) {
        for (String key : raw.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new InvalidParameterException(key, "unknown parameter of job 'import-samples' (known: " + KNOWN + ")");
            }
        }
        String file = raw.get("file");
        root.existingFile("file", file);
        String expert = SampleParameters.modelFolder(raw, "expert", root);
        return new ImportParameters(file, expert, (int) integer(raw, "chunkSize", 200, 1, 10_000),
                (int) integer(raw, "skipLimit", 0, 0, 1_000_000));
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("expert", expert);
        m.put("chunkSize", Integer.toString(chunkSize));
        m.put("skipLimit", Integer.toString(skipLimit));
        return m;
    }
}
