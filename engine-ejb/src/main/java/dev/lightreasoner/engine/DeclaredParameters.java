package dev.lightreasoner.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One start's parameters read against its job's declaration ({@code job-parameters.json}, {@link JobCatalog}): the
 * one place where a parameter's name, type, default and bounds are written. Unknown names, missing required values,
 * wrong types and values out of bounds are refused here, naming the parameter; what a job's own rules add (paths,
 * relations between parameters) stays in its {@code *Parameters} record.
 */
public final class DeclaredParameters {
    private final JobCatalog.Job job;
    private final Map<String, String> raw;
    private final Map<String, String> effective = new LinkedHashMap<>();

    private DeclaredParameters(JobCatalog.Job job, Map<String, String> raw) {
        this.job = job;
        this.raw = raw;
    }

    /** Reads and checks every declared parameter of {@code jobName} now. */
    public static DeclaredParameters read(String jobName, Map<String, String> raw) {
        JobCatalog.Job job = JobCatalog.jobs().get(jobName);
        if (job == null) {
            throw new IllegalArgumentException("job '" + jobName + "' is not declared in job-parameters.json");
        }
        List<String> known = job.parameters().stream().map(JobCatalog.Parameter::name).toList();
        for (String key : raw.keySet()) {
            if (!known.contains(key)) {
                throw new InvalidParameterException(key, "unknown parameter of job '" + jobName + "' (known: " + known + ")");
            }
        }
        DeclaredParameters values = new DeclaredParameters(job, raw);
        for (JobCatalog.Parameter p : job.parameters()) {
            String canonical = values.canonical(p);
            if (canonical != null) {
                values.effective.put(p.name(), canonical);
            }
        }
        return values;
    }

    /** Every parameter with a value, given or default, in declaration order and canonical form (as stored). */
    public Map<String, String> effective() {
        return new LinkedHashMap<>(effective);
    }

    /** A string or path as given, else its default; null when neither exists. */
    public String text(String name) {
        declared(name);
        return effective.get(name);
    }

    public long integer(String name) {
        return Long.parseLong(value(name, "integer"));
    }

    /** An integer parameter whose declared bounds fit an int. */
    public int smallInteger(String name) {
        return Math.toIntExact(integer(name));
    }

    public double decimal(String name) {
        return Double.parseDouble(value(name, "decimal"));
    }

    public boolean bool(String name) {
        return Boolean.parseBoolean(value(name, "boolean"));
    }

    /** One of an enum's values, spelt as declared. */
    public String choice(String name) {
        return value(name, "enum");
    }

    private String value(String name, String type) {
        JobCatalog.Parameter p = declared(name);
        if (!p.type().startsWith(type)) {
            throw new IllegalStateException("parameter '" + name + "' of job '" + job.name() + "' is declared "
                    + p.type() + ", read as " + type);
        }
        return effective.get(name);
    }

    private JobCatalog.Parameter declared(String name) {
        return job.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("job '" + job.name() + "' declares no parameter '" + name + "'"));
    }

    /** Checks one parameter and returns its stored form; null when it has neither value nor default. */
    private String canonical(JobCatalog.Parameter p) {
        String given = raw.get(p.name());
        boolean textual = p.type().equals("string") || p.type().equals("path");
        // a blank number means "the default"; a blank text is a value (and refused by the job's rules if wrong)
        boolean absent = given == null || (given.isBlank() && (p.required() || !textual));
        if (absent && p.required()) {
            throw new InvalidParameterException(p.name(), "is required: " + p.help());
        }
        String value = absent ? p.defaultValue() : given;
        if (value == null) {
            return null;
        }
        String type = p.type();
        if (type.equals("integer")) {
            return Long.toString(integer(p, value));
        }
        if (type.equals("decimal")) {
            return Double.toString(decimal(p, value));
        }
        if (type.equals("boolean")) {
            String v = value.strip();
            if (!v.equals("true") && !v.equals("false")) {
                throw new InvalidParameterException(p.name(), "must be true or false: " + value);
            }
            return v;
        }
        if (type.startsWith("enum:")) {
            for (String choice : type.substring(5).split(",")) {
                if (choice.equalsIgnoreCase(value.strip())) {
                    return choice;
                }
            }
            throw new InvalidParameterException(p.name(), "must be one of " + List.of(type.substring(5).split(","))
                    + ": " + value);
        }
        return value;
    }

    private static long integer(JobCatalog.Parameter p, String value) {
        long n;
        try {
            n = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(p.name(), "must be an integer: " + value);
        }
        long min = p.min() == null ? Long.MIN_VALUE : (long) Math.ceil(p.min());
        long max = p.max() == null ? Long.MAX_VALUE : (long) Math.floor(p.max());
        if (n < min || n > max) {
            throw new InvalidParameterException(p.name(), "must be between " + min + " and " + max + ": " + n);
        }
        return n;
    }

    private static double decimal(JobCatalog.Parameter p, String value) {
        double d;
        try {
            d = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(p.name(), "must be a number: " + value);
        }
        double min = p.min() == null ? -Double.MAX_VALUE : p.min();
        double max = p.max() == null ? Double.MAX_VALUE : p.max();
        if (!(d >= min && d <= max)) {
            throw new InvalidParameterException(p.name(), "must be between " + format(min) + " and " + format(max)
                    + ": " + value);
        }
        return d;
    }

    /** 1 rather than 1.0, 1.0E-12 as Java writes it. */
    private static String format(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound) : Double.toString(bound);
    }
}
