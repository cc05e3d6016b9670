import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line client of the LightReasoner REST API, run as a Java source file (no build, no curl needed):
 *
 *   java LrClient.java health
 *   java LrClient.java start prepare dataset=gsm8k-train limit=100     -> prints the execution id
 *   java LrClient.java watch 42                                       -> live progress, then the outcome
 *   java LrClient.java get datasets                                   -> raw JSON of any API path
 *
 * Exit codes for schedulers: 0 COMPLETED (or OK), 2 bad usage or request refused, 3 FAILED,
 * 4 STOPPED or ABANDONED, 5 server unreachable.
 */
public class LrClient {
    static final String BASE = System.getenv().getOrDefault("LIGHTREASONER_URL", "http://127.0.0.1:8080/lightreasoner")
            + "/api/";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        try {
            switch (args[0]) {
                case "health" -> System.exit(send("GET", "system/health", null).statusCode() == 200 ? 0 : 5);
                case "get" -> {
                    HttpResponse<String> r = send("GET", args[1], null);
                    System.out.println(r.body());
                    System.exit(r.statusCode() / 100 == 2 ? 0 : 2);
                }
                case "start" -> start(args);
                case "watch" -> System.exit(watch(args[1]));
                default -> usage();
            }
        } catch (java.net.ConnectException e) {
            System.err.println("LightReasoner is not reachable at " + BASE + " (is the server started?)");
            System.exit(5);
        }
    }

    static void start(String[] args) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                usage();
            }
            params.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        StringBuilder json = new StringBuilder("{");
        params.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append(quote(k)).append(':').append(quote(v)));
        HttpResponse<String> r = send("POST", "jobs/" + args[1] + "/executions", json.append('}').toString());
        if (r.statusCode() != 201) {
            System.err.println("refused (HTTP " + r.statusCode() + "): " + field(r.body(), "error"));
            System.exit(2);
        }
        System.out.println(field(r.body(), "executionId"));
    }

    /** Prints a line whenever the counts change, then the outcome; returns the exit code. */
    static int watch(String id) throws Exception {
        String last = "";
        long started = System.currentTimeMillis();
        while (true) {
            HttpResponse<String> r = send("GET", "executions/" + id + "?waitMs=1000", null);
            if (r.statusCode() != 200) {
                System.err.println("cannot read execution " + id + ": " + field(r.body(), "error"));
                return 2;
            }
            String body = r.body();
            String status = field(body, "batchStatus");
            String line = String.format("%s #%s %-9s read=%s written=%s skipped=%s commits=%s", field(body, "job"), id,
                    status, metric(body, "READ_COUNT"), metric(body, "WRITE_COUNT"), metric(body, "READ_SKIP_COUNT"),
                    metric(body, "COMMIT_COUNT"));
            if ("lightreasoner".equals(field(body, "job"))) {
                line += runningStage(field(body, "instanceId"));
            }
            if (!line.equals(last)) {
                System.out.printf("[%5.1fs] %s%n", (System.currentTimeMillis() - started) / 1000.0, line);
                last = line;
            }
            switch (status) {
                case "COMPLETED":
                    System.out.println("exit status: " + field(body, "exitStatus"));
                    return 0;
                case "FAILED":
                    System.out.println("exit status: " + field(body, "exitStatus"));
                    return 3;
                case "STOPPED", "ABANDONED":
                    System.out.println("exit status: " + field(body, "exitStatus"));
                    return 4;
                default:
                    break;
            }
        }
    }

    /** For a pipeline: the stage running now, with its own job's counts. */
    static String runningStage(String pipelineId) throws Exception {
        HttpResponse<String> r = send("GET", "pipelines/" + pipelineId, null);
        String running = null;
        Matcher stage = Pattern.compile("\\{[^{}]*\\}").matcher(r.statusCode() == 200 ? r.body() : "");
        while (stage.find()) {
            String s = stage.group();
            if (!field(s, "status").matches("COMPLETED|\\?")) {
                running = s;
            }
        }
        if (running == null) {
            return "";
        }
        HttpResponse<String> child = send("GET", "executions/" + field(running, "executionId"), null);
        String body = child.body();
        return String.format(" | stage %s: %s #%s %s read=%s written=%s", field(running, "stage"), field(running, "job"),
                field(running, "executionId"), field(body, "batchStatus"), metric(body, "READ_COUNT"),
                metric(body, "WRITE_COUNT"));
    }

    static HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofMinutes(2));
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** First value of a top-level-looking field; enough for the flat fields this client shows. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[-0-9.]+|null|true|false)")
                .matcher(json);
        if (!m.find()) {
            return "?";
        }
        return m.group(2) != null ? m.group(2).replace("\\n", " ").replace("\\\"", "\"") : m.group(1);
    }

    static String metric(String json, String name) {
        String v = field(json, name);
        return "?".equals(v) ? "0" : v;
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static void usage() {
        System.err.println("usage: java LrClient.java health | get PATH | start JOB [key=value ...] | watch EXECUTION_ID");
        System.exit(2);
    }
}
