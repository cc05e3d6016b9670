package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small client of the app's REST API, as an external scheduler would use it. */
final class Api {
    static final String BASE = "http://127.0.0.1:8080/lightreasoner/api/";
    /** Where the calls go: the tests' server, or a cluster node's during {@link #at}. */
    private static volatile String base = BASE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A status and a parsed JSON body. */
    record Reply(int status, JsonNode body) {
        JsonNode ok() {
            assertEquals(true, status / 100 == 2, "HTTP " + status + ": " + body);
            return body;
        }
    }

    private Api() {
    }

    /** The tests' users (src/test/security, copied into the tests' data dir only): name = role. */
    static final String ADMIN = "it-admin";
    static final String OPERATOR = "it-operator";
    static final String VIEWER = "it-viewer";

    /** HTTP Basic credentials of a test user (whose password is its name + "-password"). */
    static String authorization(String user) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + user + "-password")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A request as the given user (null: without credentials), with extra headers; body null: none. */
    static Reply call(String user, String method, String path, Map<String, ?> body, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
            if (user != null) {
                b.header("Authorization", authorization(user));
            }
            headers.forEach(b::header);
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            return exchange(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    static Reply post(String path, Map<String, ?> body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Reply put(String path, Map<String, ?> body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Reply delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    /** Makes the calls against another server's API (a cluster node's base URL), then against the tests' server again. */
    static <T> T at(String otherBase, java.util.function.Supplier<T> calls) {
        String before = base;
        base = otherBase;
        try {
            return calls.get();
        } finally {
            base = before;
        }
    }

    /** Starts a job and returns its execution id. */
    static long start(String job, Map<String, ?> parameters) {
        Reply r = post("jobs/" + job + "/executions", parameters);
        assertEquals(201, r.status(), "start " + job + ": " + r.body());
        return r.body().get("executionId").asLong();
    }

    static long restart(long executionId, Map<String, ?> overrides) {
        Reply r = post("executions/" + executionId + "/restart", overrides);
        assertEquals(201, r.status(), "restart " + executionId + ": " + r.body());
        return r.body().get("executionId").asLong();
    }

    /** Waits for the execution to finish (up to two minutes) and returns it. */
    static JsonNode awaitFinished(long executionId) {
        return get("executions/" + executionId + "?waitMs=120000").ok();
    }

    /** A metric of the execution's only step. */
    static long metric(JsonNode execution, String name) {
        return execution.get("steps").get(0).get("metrics").get(name).asLong();
    }

    /** The raw body of a GET (for non-JSON bodies such as JSONL). */
    static String text(String path) {
        try {
            HttpResponse<String> rsp = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET()
                    .header("Authorization", authorization(ADMIN)).timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, rsp.statusCode(), rsp.body());
            return rsp.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** As the admin test user, marked as a non-browser client (the cross-site guard's header). */
    private static Reply send(HttpRequest.Builder request) {
        return exchange(request.header("Authorization", authorization(ADMIN)).header("X-Requested-By", "it"));
    }

    private static Reply exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> rsp = HTTP.send(request.timeout(Duration.ofMinutes(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = rsp.body().isEmpty() ? JSON.nullNode() : parse(rsp.body());
            return new Reply(rsp.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** JSON, or the text as a JSON string (an error page of the server itself). */
    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }
}
