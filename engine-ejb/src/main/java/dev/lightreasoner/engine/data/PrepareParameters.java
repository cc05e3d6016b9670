package dev.lightreasoner.engine.data;

import dev.lightreasoner.engine.CheckedParameters;
import dev.lightreasoner.engine.DeclaredParameters;
import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.ParameterValues;
import java.nio.file.Path;
import java.util.Map;
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
                                long failAtItem) implements CheckedParameters {

    private static final Pattern DATASET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Validates raw string parameters (missing ones take their defaults); unknown keys are refused. */
    public static PrepareParameters from(Map<String, String> raw, DataRoot root) {
        DeclaredParameters p = DeclaredParameters.read("prepare", raw);
        String dataset = p.text("dataset");
        if (!DATASET_NAME.matcher(dataset).matches()) {
            throw new InvalidParameterException("dataset",
                    "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit: " + dataset);
        }
        String file = p.text("file");
        root.existingFile("file", file);
        return new PrepareParameters(dataset, file, p.integer("limit"), p.smallInteger("chunkSize"),
                p.smallInteger("skipLimit"), p.integer("failAtItem"));
    }

    /** The input file, resolved and checked again (it may have changed since the job started). */
    public Path inputFile(DataRoot root) {
        return root.existingFile("file", file);
    }

    /** All parameters with their effective values, as stored with the job execution. */
}
