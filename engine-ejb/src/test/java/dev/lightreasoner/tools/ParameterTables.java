package dev.lightreasoner.tools;

import dev.lightreasoner.engine.JobCatalog;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code docs/parameters.md}, the parameter tables of every job, from the declaration the server validates
 * against ({@link JobCatalog}). {@code ParameterTablesTest} fails when the file and the declaration differ; then run
 * from engine-ejb, after {@code mvn test-compile}:
 * {@code java -cp target/classes:target/test-classes:$(mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
 * dev.lightreasoner.tools.ParameterTables}.
 */
public final class ParameterTables {
    public static final Path FILE = Path.of("../docs/parameters.md");

    private ParameterTables() {
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder("""
                # Job parameters

                Generated from `engine-ejb/src/main/resources/dev/lightreasoner/engine/job-parameters.json`, the one
                declaration the server checks every start against (the API serves it as `GET api/jobs/{job}`; a unit
                test fails when this file differs from it). What the jobs do: [jobs.md](jobs.md).
                """);
        for (JobCatalog.Job job : JobCatalog.jobs().values().stream()
                .sorted(java.util.Comparator.comparing(JobCatalog.Job::name)).toList()) {
            out.append("\n## `").append(job.name()).append("`\n").append(job.help()).append("\n\n")
                    .append("| parameter | type | default | range | |\n|---|---|---|---|---|\n");
            for (JobCatalog.Parameter p : job.parameters()) {
                out.append("| `").append(p.name()).append("` | ").append(p.type().replace(",", ", ")).append(" | ")
                        .append(p.required() ? "required" : p.defaultValue() == null || p.defaultValue().isEmpty()
                                ? "" : "`" + p.defaultValue() + "`")
                        .append(" | ").append(range(p)).append(" | ").append(p.help().replace("|", "\\|"))
                        .append(p.faultInjection() || p.internal() ? "; not offered by the console" : "").append(" |\n");
            }
            if (!job.stages().isEmpty()) {
                out.append("\nStage settings pass through with a prefix, e.g. `train.maxSteps=300`:\n\n")
                        .append("| prefix | the stage's job | set by the pipeline (not per stage) |\n|---|---|---|\n");
                job.stages().forEach((prefix, stage) -> out.append("| `").append(prefix).append(".` | [`")
                        .append(stage.job()).append("`](#").append(stage.job()).append(") | ")
                        .append(String.join(", ", stage.setByPipeline())).append(" |\n"));
            }
        }
        return out.toString();
    }

    private static String range(JobCatalog.Parameter p) {
        if (p.min() == null && p.max() == null) {
            return "";
        }
        if (p.min() == null || p.max() == null) {
            return p.min() == null ? "≤ " + number(p.max()) : "≥ " + number(p.min());
        }
        return number(p.min()) + " – " + number(p.max());
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    public static void main(String[] args) throws Exception {
        Files.writeString(FILE, markdown());
        System.out.println("wrote " + FILE.toAbsolutePath().normalize());
    }
}
