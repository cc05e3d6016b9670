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
 * What each job does, the parameters it takes (name, type, default, bounds, help), how its progress is measured,
 * whether it trains, which stored records it reads and which it makes, and which folders it writes: declared once in
 * {@code job-parameters.json}, read by the parameter rules ({@link DeclaredParameters}), the API's job list and
 * schema, the console's start forms, {@code lrctl}, progress, the training slot, the start's preflight and the
 * lineage.
 */
public final class JobCatalog {
    /**
     * type: string, path, integer, decimal, boolean or enum:a,b,c; min/max null when unbounded; a fault-injection
     * parameter exists for the tests of restarts, an internal one is set by the server itself (a shard's run); neither
     * is offered to operators (the console leaves them out).
     */
    public record Parameter(String name, String type, String defaultValue, Double min, Double max, String help,
                            boolean required, boolean faultInjection, boolean internal) {
    }

    /**
     * How a job's progress is measured: the chunk step whose committed items count, the unit, the parameter giving
     * units per item (null = 1) and the one giving the total (null = unknown in advance).
     */
    public record Measure(String step, String unit, String itemSizeParameter, String totalParameter,
                          String totalUnknownWhenSet) {
    }

    /** The kinds of record the server stores for a run, which other jobs can name by a parameter. */
    public enum Record {
        PREPARED_DATASET, SAMPLING_RUN, ADAPTER, EVALUATION, PIPELINE;

        static Record named(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * A stage of a pipeline job whose parameters pass through with the stage's prefix ({@code train.maxSteps}).
     *
     * @param job           the job the stage runs
     * @param setByPipeline that job's parameters the pipeline sets itself (from its own or an earlier stage's)
     */
    public record Stage(String job, List<String> setByPipeline) {
    }

    /**
     * @param progress null for jobs without a measured chunk step (merge, synthesize, the pipeline)
     * @param trains   whether the job trains (and so holds the server's one training slot)
     * @param reads    parameters that name a stored record (checked before the start, followed by the lineage)
     * @param writes   path parameters that name the folder the job creates (all other paths are read)
     * @param records  the kind of record a run of this job leaves in the store, or null
     * @param stages   a pipeline's stages by parameter prefix, in order (empty for other jobs)
     */
    public record Job(String name, String help, List<Parameter> parameters, Measure progress, boolean trains,
                      Map<String, Record> reads, List<String> writes, Record records, Map<String, Stage> stages) {
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
                            flag(p, "required"), flag(p, "fault-injection"), flag(p, "internal")));
                }
                JsonNode m = e.getValue().get("progress");
                Measure progress = m == null ? null : new Measure(m.get("step").asText(), m.get("unit").asText(),
                        text(m, "itemSize"), text(m, "total"), text(m, "totalUnknownWhenSet"));
                Map<String, Record> reads = new LinkedHashMap<>();
                e.getValue().path("reads").fields().forEachRemaining(r -> reads.put(r.getKey(), Record.named(r.getValue().asText())));
                List<String> writes = new ArrayList<>();
                e.getValue().path("writes").forEach(w -> writes.add(w.asText()));
                String records = text(e.getValue(), "records");
                Map<String, Stage> stages = new LinkedHashMap<>();
                e.getValue().path("stages").fields().forEachRemaining(st -> {
                    List<String> set = new ArrayList<>();
                    st.getValue().path("setByPipeline").forEach(n -> set.add(n.asText()));
                    stages.put(st.getKey(), new Stage(st.getValue().get("job").asText(), List.copyOf(set)));
                });
                out.put(e.getKey(), new Job(e.getKey(), e.getValue().get("help").asText(), List.copyOf(parameters),
                        progress, e.getValue().path("trains").asBoolean(false), java.util.Collections.unmodifiableMap(reads), List.copyOf(writes),
                        records == null ? null : Record.named(records), java.util.Collections.unmodifiableMap(stages)));
            });
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The optional seventh element of a parameter's declaration: "required", "fault-injection" or "internal". */
    private static boolean flag(JsonNode parameter, String name) {
        if (parameter.size() > 6 && !List.of("required", "fault-injection", "internal").contains(parameter.get(6).asText())) {
            throw new IllegalStateException("unknown flag " + parameter.get(6) + " of parameter " + parameter.get(0));
        }
        return parameter.size() > 6 && name.equals(parameter.get(6).asText());
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
