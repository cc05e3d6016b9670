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
 * server-config/bin/lrctl runs it. Its commands, credentials and exit codes: {@link #USAGE} ({@code lrctl --help}).
 * --key=K sends an Idempotency-Key: a scheduler's retry of the same start gets the same execution. The demo writes
 * the credentials file lrctl uses by default, readable by its owner only.
 */
public class LrClient {
    static final String BASE = System.getenv().getOrDefault("LIGHTREASONER_URL", "http://127.0.0.1:8080/lightreasoner")
            + "/api/";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String AUTHORIZATION = authorization();

    /** The Basic credentials from the environment or the credentials file; null: none configured. */
    static String authorization() {
        String user = System.getenv("LIGHTREASONER_USER");
        String password = System.getenv("LIGHTREASONER_PASSWORD");
        String pair = user != null && password != null ? user + ":" + password : null;
        String file = System.getenv("LIGHTREASONER_CREDENTIALS");
        if (pair == null && file != null && java.nio.file.Files.isReadable(java.nio.file.Path.of(file))) {
            try {
                pair = java.nio.file.Files.readString(java.nio.file.Path.of(file)).strip();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return pair == null ? null : "Basic " + java.util.Base64.getEncoder().encodeToString(
                pair.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static final String USAGE = """
            usage: lrctl COMMAND [ARGS]
              health                                  is the server up? (exit 0 yes, 6 no)
              start JOB [key=value ...] [--wait [--timeout=DURATION]] [--key=IDEMPOTENCY_KEY]
                                                      start a job; prints the execution id (--wait: follows it)
              status ID                               one line: job, status, exit status
              watch ID [--timeout=DURATION]           live progress (%, ETA) until the execution ends
              restart ID [key=value ...] [--wait [--timeout=DURATION]]
                                                      restart a FAILED or STOPPED execution from its checkpoint
              stop ID                                 ask a running execution to stop at its next checkpoint
              abandon ID --reason=TEXT                never restart this (stopped or failed) execution
              list [JOB] [--status=STATUS] [--limit=N]
                                                      recent executions, newest first
              get PATH                                raw JSON of any API path (e.g. get datasets)
              --help | --version
            DURATION: 90s, 30m, 2h. The server: LIGHTREASONER_URL (default http://127.0.0.1:8080/lightreasoner).
            Credentials: LIGHTREASONER_USER + LIGHTREASONER_PASSWORD, or LIGHTREASONER_CREDENTIALS (a user:password file).
            Exit codes: 0 COMPLETED (or done), 1 still running (status, or --timeout reached), 2 bad usage or request
            refused (also 401/403), 3 FAILED, 4 STOPPED, 5 ABANDONED, 6 server unreachable, 7 unexpected client error.
            """;

    public static void main(String[] args) {
        if (args.length == 0) {
            usage();
        }
        try {
            switch (args[0]) {
                case "--help", "-h", "help" -> {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                case "--version" -> {
                    System.out.println("lrctl " + version());
                    System.exit(0);
                }
                case "health" -> System.exit(send("GET", "system/health", null).statusCode() == 200 ? 0 : 6);
                case "get" -> {
                    if (args.length < 2) {
                        usage();
                    }
                    HttpResponse<String> r = send("GET", args[1], null);
                    System.out.println(r.body());
                    System.exit(r.statusCode() / 100 == 2 ? 0 : 2);
                }
                case "start" -> launched(args, start(args));
                case "restart" -> launched(args, restart(args));
                case "watch" -> System.exit(watch(needId(args), timeout(args)));
                case "status" -> System.exit(status(needId(args)));
                case "stop" -> System.exit(post("executions/" + needId(args) + "/stop", null,
                        "stop requested for execution " + args[1]));
                case "abandon" -> {
                    String reason = flag(args, "reason");
                    if (reason == null || reason.isBlank()) {
                        usage();
                    }
                    System.exit(post("executions/" + needId(args) + "/abandon", "{\"reason\":" + quote(reason) + "}",
                            "execution " + args[1] + " abandoned"));
                }
                case "list" -> System.exit(list(args));
                default -> usage();
            }
        } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
            System.err.println("LightReasoner is not reachable at " + BASE + " (is the server started?)");
            System.exit(6);
        } catch (Exception e) {
            // never 1, which means "still running" to a scheduler
            System.err.println("lrctl: unexpected error: " + e);
            System.exit(7);
        }
    }

    /** The project version from the repository's pom.xml beside this script (lrctl ships with the repository). */
    static String version() throws java.io.IOException {
        java.nio.file.Path pom = java.nio.file.Path.of(System.getProperty("lrctl.home", "."), "pom.xml");
        if (!java.nio.file.Files.isReadable(pom)) {
            return "(unknown: no pom.xml at " + pom.toAbsolutePath().normalize() + ")";
        }
        Matcher m = Pattern.compile("<artifactId>lightreasoner-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(java.nio.file.Files.readString(pom));
        return m.find() ? m.group(1) : "(unknown)";
    }

    static int post(String path, String json, String done) throws Exception {
        if (refused(send("POST", path, json))) {
            return 2;
        }
        System.out.println(done);
        return 0;
    }

    /** Says why when the server refused (not 2xx). */
    static boolean refused(HttpResponse<String> r) {
        if (r.statusCode() / 100 == 2) {
            return false;
        }
        System.err.println("refused (HTTP " + r.statusCode() + "): " + field(r.body(), "error"));
        return true;
    }

    /** Recent executions, one line each: id, job, status, exit status. */
    static int list(String[] args) throws Exception {
        StringBuilder query = new StringBuilder("executions?limit=" + (flag(args, "limit") == null ? "20" : flag(args, "limit")));
        if (args.length > 1 && !args[1].startsWith("--")) {
            query.append("&job=").append(java.net.URLEncoder.encode(args[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        if (flag(args, "status") != null) {
            query.append("&status=").append(java.net.URLEncoder.encode(flag(args, "status"), java.nio.charset.StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = send("GET", query.toString(), null);
        if (refused(r)) {
            return 2;
        }
        for (String one : topLevelObjects(r.body())) {
            System.out.printf("%-6s %-15s %-10s %s%n", field(one, "executionId"), field(one, "job"), field(one, "batchStatus"),
                    field(one, "exitStatus"));
        }
        return 0;
    }

    /** The objects of a JSON array, as text (braces inside strings are skipped). */
    static java.util.List<String> topLevelObjects(String array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int depth = 0;
        int start = -1;
        boolean inString = false;
        for (int i = 0; i < array.length(); i++) {
            char c = array.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' && depth++ == 0) {
                start = i;
            } else if (c == '}' && --depth == 0) {
                out.add(array.substring(start, i + 1));
            }
        }
        return out;
    }

    /** --timeout=90s|30m|2h in milliseconds; 0 = none. */
    static long timeout(String[] args) {
        String t = flag(args, "timeout");
        if (t == null) {
            return 0;
        }
        Matcher m = Pattern.compile("(\\d+)([smh])").matcher(t);
        if (!m.matches()) {
            usage();
        }
        long unit = switch (m.group(2)) {
            case "s" -> 1000L;
            case "m" -> 60_000L;
            default -> 3_600_000L;
        };
        return Long.parseLong(m.group(1)) * unit;
    }

    static String needId(String[] args) {
        if (args.length < 2 || !args[1].matches("\\d+")) {
            usage();
        }
        return args[1];
    }

    /** key=value arguments as a JSON object (flags starting with -- are not parameters). */
    static String parameters(String[] args, int from) {
        StringBuilder json = new StringBuilder("{");
        for (int i = from; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                continue;
            }
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                usage();
            }
            json.append(json.length() > 1 ? "," : "").append(quote(args[i].substring(0, eq))).append(':')
                    .append(quote(args[i].substring(eq + 1)));
        }
        return json.append('}').toString();
    }

    static String flag(String[] args, String name) {
        for (String a : args) {
            if (a.equals("--" + name)) {
                return "";
            }
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        return null;
    }

    static String start(String[] args) throws Exception {
        if (args.length < 2) {
            usage();
        }
        String key = flag(args, "key");
        HttpResponse<String> r = send("POST", "jobs/" + args[1] + "/executions", parameters(args, 2),
                key == null || key.isEmpty() ? Map.of() : Map.of("Idempotency-Key", key));
        return launchedId(r);
    }

    static String restart(String[] args) throws Exception {
        HttpResponse<String> r = send("POST", "executions/" + needId(args) + "/restart", parameters(args, 2), Map.of());
        return launchedId(r);
    }

    static String launchedId(HttpResponse<String> r) {
        if (refused(r)) {
            System.exit(2);
        }
        return field(r.body(), "executionId");
    }

    /** Prints the id; with --wait follows the execution and exits with its outcome's code. */
    static void launched(String[] args, String id) throws Exception {
        System.out.println(id);
        if (flag(args, "wait") != null) {
            System.exit(watch(id, timeout(args)));
        }
    }

    static int status(String id) throws Exception {
        HttpResponse<String> r = send("GET", "executions/" + id, null);
        if (r.statusCode() != 200) {
            System.err.println("cannot read execution " + id + ": " + field(r.body(), "error"));
            return 2;
        }
        String status = field(r.body(), "batchStatus");
        System.out.println(field(r.body(), "job") + " #" + id + " " + status + " " + field(r.body(), "exitStatus"));
        return exitCode(status);
    }

    static int exitCode(String status) {
        return switch (status) {
            case "COMPLETED" -> 0;
            case "FAILED" -> 3;
            case "STOPPED" -> 4;
            case "ABANDONED" -> 5;
            default -> 1;
        };
    }

    /**
     * Prints a line whenever the counts change (with the percentage done and the ETA where the job reports
     * progress), then the outcome; returns the exit code — 1 when {@code timeoutMs} (> 0) passes first.
     */
    static int watch(String id, long timeoutMs) throws Exception {
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
            String line = String.format("%s #%s %-9s read=%s written=%s skipped=%s commits=%s%s", field(body, "job"), id,
                    status, metric(body, "READ_COUNT"), metric(body, "WRITE_COUNT"), metric(body, "READ_SKIP_COUNT"),
                    metric(body, "COMMIT_COUNT"), progress(body));
            if ("lightreasoner".equals(field(body, "job"))) {
                line += runningStage(field(body, "instanceId"));
            }
            if (!line.equals(last)) {
                System.out.printf("[%5.1fs] %s%n", (System.currentTimeMillis() - started) / 1000.0, line);
                last = line;
            }
            if (exitCode(status) != 1) {
                System.out.println("exit status: " + field(body, "exitStatus"));
                return exitCode(status);
            }
            if (timeoutMs > 0 && System.currentTimeMillis() - started > timeoutMs) {
                System.out.println("still running after " + timeoutMs / 1000 + " s (execution " + id + ")");
                return 1;
            }
        }
    }

    /** " 59% ETA 25s" from the execution's progress object, or "" when it reports none. */
    static String progress(String body) {
        int at = body.indexOf("\"progress\":{");
        if (at < 0) {
            return "";
        }
        String p = body.substring(at, body.indexOf('}', at) + 1);
        String done = field(p, "done");
        String total = field(p, "total");
        if (!done.matches("\\d+") || !total.matches("\\d+") || Long.parseLong(total) == 0) {
            return "";
        }
        String eta = field(p, "etaSeconds");
        return String.format(" %d%%%s", 100 * Long.parseLong(done) / Long.parseLong(total),
                eta.matches("[0-9.]+") ? " ETA " + Math.round(Double.parseDouble(eta)) + "s" : "");
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
        return send(method, path, json, Map.of());
    }

    static HttpResponse<String> send(String method, String path, String json, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofMinutes(2))
                .header("X-Requested-By", "lrctl");                 // the API's cross-site guard
        if (AUTHORIZATION != null) {
            b.header("Authorization", AUTHORIZATION);
        }
        headers.forEach(b::header);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            System.err.println(response.statusCode() == 401
                    ? "not authenticated (HTTP 401): set LIGHTREASONER_USER and LIGHTREASONER_PASSWORD, or LIGHTREASONER_CREDENTIALS"
                    + (AUTHORIZATION == null ? "" : " (the configured credentials were refused)")
                    : "forbidden (HTTP 403): " + field(response.body(), "error") + " - this needs role lr-operator or lr-admin");
            System.exit(2);
        }
        return response;
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
        System.err.print(USAGE);
        System.exit(2);
    }
}
