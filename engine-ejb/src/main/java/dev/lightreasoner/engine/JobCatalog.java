package dev.lightreasoner.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each job does, the parameters it takes (name, type, default, bounds, help), how its progress is measured
 * and whether it trains: declared once in {@code job-parameters.json}, read by the parameter rules
 * ({@link DeclaredParameters}), the API's job list and schema, the console's start forms, {@code lrctl}, progress
 * and the training slot.
 */
public final class JobCatalog {
    /** type: string, path, integer, decimal, boolean or enum:a,b,c; min/max null when unbounded. */
    public record Parameter(String name, String type, String defaultValue, Double min, Double max, String help,
                            boolean required) {
    }

    /**
     * How a job's progress is measured: the chunk step whose committed items count, the unit, the parameter giving
     * units per item (null = 1) and the one giving the total (null = unknown in advance).
     */
    public record Measure(String step, String unit, String itemSizeParameter, String totalParameter) {
    }

    /**
     * @param progress null for jobs without a measured chunk step (merge, synthesize, the pipeline)
     * @param trains   whether the job trains (and so holds the server's one training slot)
     */
    public record Job(String name, String help, List<Parameter> parameters, Measure progress, boolean trains) {
    }

    private static final Map<String, Job> JOBS = load();

    private JobCatalog() {
    }

    public static Map<String, Job> jobs() {
        return JOBS;
    }

    private static Map<String, Job> load() {
        try (InputStream in = JobCatalog.class.getResourceAsStream("job-parameters.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Job> out = new LinkedHashMap<>();
            root.fields().forEachRemaining(e -> {
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode p : e.getValue().get("parameters")) {
                    parameters.add(new Parameter(p.get(0).asText(), p.get(1).asText(),
                            p.get(2).isNull() ? null : p.get(2).asText(), p.get(3).isNull() ? null : p.get(3).asDouble(),
                            p.get(4).isNull() ? null : p.get(4).asDouble(), p.get(5).asText(),
                            p.size() > 6 && p.get(6).asBoolean()));
                }
                JsonNode m = e.getValue().get("progress");
                Measure progress = m == null ? null : new Measure(m.get("step").asText(), m.get("unit").asText(),
                        m.hasNonNull("itemSize") ? m.get("itemSize").asText() : null,
                        m.hasNonNull("total") ? m.get("total").asText() : null);
                out.put(e.getKey(), new Job(e.getKey(), e.getValue().get("help").asText(), List.copyOf(parameters),
                        progress, e.getValue().path("trains").asBoolean(false)));
            });
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
