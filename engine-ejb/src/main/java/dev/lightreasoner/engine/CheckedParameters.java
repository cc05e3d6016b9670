package dev.lightreasoner.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job's parameters after its own rules (its {@code *Parameters} record). What is stored with an execution is the
 * declared parameters' effective values ({@link DeclaredParameters}) plus what the rules resolved beyond them.
 */
public interface CheckedParameters {

    /** Values the job's rules resolved or normalised (e.g. merge's base, read from the adapter). */
    default Map<String, String> resolved() {
        return Map.of();
    }

    /** The effective parameters of a start: every declared one, defaults filled in, then the resolved ones. */
    static Map<String, String> effective(String job, Map<String, String> raw, CheckedParameters checked) {
        Map<String, String> declared = new LinkedHashMap<>(raw);
        declared.keySet().removeIf(name -> JobCatalog.jobs().get(job).parameters().stream()
                .noneMatch(p -> p.name().equals(name)));
        Map<String, String> effective = DeclaredParameters.read(job, declared).effective();
        effective.putAll(checked.resolved());
        return effective;
    }
}
