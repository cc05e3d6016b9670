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

    static Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(BASE + path)).GET());
    }

    static Reply post(String path, Map<String, ?> body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(BASE + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Reply put(String path, Map<String, ?> body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(BASE + path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Reply delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(BASE + path)).DELETE());
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
            HttpResponse<String> rsp = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + path)).GET()
                    .timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, rsp.statusCode(), rsp.body());
            return rsp.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> rsp = HTTP.send(request.timeout(Duration.ofMinutes(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = rsp.body().isEmpty() ? JSON.nullNode() : JSON.readTree(rsp.body());
            return new Reply(rsp.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
