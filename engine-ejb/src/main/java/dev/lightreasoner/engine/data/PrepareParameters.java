package dev.lightreasoner.engine.data;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.ParameterValues;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parameters of the {@code prepare} job, validated once: the service checks them before starting
 * and the batch artifacts read them back from the job parameters through the same code.
 *
 * @param dataset    name under which the prepared questions are stored
 * @param file       the JSONL file, relative to the data root
 * @param limit      read at most this many lines (0 = all)
 * @param chunkSize  records per chunk (transaction and checkpoint)
 * @param skipLimit  bad records tolerated before the step fails
 * @param failAtItem fault injection for tests: the writer fails at this record index (-1 = never)
 */
public record PrepareParameters(String dataset, String file, long limit, int chunkSize, int skipLimit,
                                long failAtItem) {

    public static final String DEFAULT_DATASET = "gsm8k-train";
    public static final String DEFAULT_FILE = "datasets/gsm8k/train.jsonl";
    private static final Pattern DATASET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> KNOWN =
            Set.of("dataset", "file", "limit", "chunkSize", "skipLimit", "failAtItem");

    /** Validates raw string parameters (missing ones take their defaults); unknown keys are refused. */
    public static PrepareParameters from(Map<String, String> raw, DataRoot root) {
        for (String key : raw.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new InvalidParameterException(key, "unknown parameter of job 'prepare' (known: " + KNOWN + ")");
            }
        }
        String dataset = raw.getOrDefault("dataset", DEFAULT_DATASET);
        if (!DATASET_NAME.matcher(dataset).matches()) {
            throw new InvalidParameterException("dataset",
                    "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit: " + dataset);
        }
        String file = raw.getOrDefault("file", DEFAULT_FILE);
        root.existingFile("file", file);
        long limit = ParameterValues.integer(raw, "limit", 0, 0, Long.MAX_VALUE);
        int chunkSize = (int) ParameterValues.integer(raw, "chunkSize", 100, 1, 10_000);
        int skipLimit = (int) ParameterValues.integer(raw, "skipLimit", 10, 0, 1_000_000);
        long failAtItem = ParameterValues.integer(raw, "failAtItem", -1, -1, Long.MAX_VALUE);
        return new PrepareParameters(dataset, file, limit, chunkSize, skipLimit, failAtItem);
    }

    /** The input file, resolved and checked again (it may have changed since the job started). */
    public Path inputFile(DataRoot root) {
        return root.existingFile("file", file);
    }

    /** All parameters with their effective values, as stored with the job execution. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("file", file);
        m.put("limit", Long.toString(limit));
        m.put("chunkSize", Integer.toString(chunkSize));
        m.put("skipLimit", Integer.toString(skipLimit));
        m.put("failAtItem", Long.toString(failAtItem));
        return m;
    }
}
