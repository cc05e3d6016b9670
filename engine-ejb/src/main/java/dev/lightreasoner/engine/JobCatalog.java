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
 * What each job does and the parameters it takes (name, type, default, bounds, help), for the API's job
 * list, the console's start forms and {@code lrctl}. Declared in {@code job-parameters.json}; a unit test
 * keeps it equal to what the parameter rules accept.
 */
public final class JobCatalog {
    /** type: string, path, integer, decimal, boolean or enum:a,b,c; min/max null when unbounded. */
    public record Parameter(String name, String type, String defaultValue, Double min, Double max, String help,
                            boolean required) {
    }

    public record Job(String name, String help, List<Parameter> parameters) {
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
                out.put(e.getKey(), new Job(e.getKey(), e.getValue().get("help").asText(), List.copyOf(parameters)));
            });
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
