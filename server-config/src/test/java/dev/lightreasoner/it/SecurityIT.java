package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Authentication and authorisation on the real server (Elytron properties realm, HTTP Basic): 401 without
 * valid credentials, 403 for a role's forbidden mutation (nothing happens, the refusal is audited with the
 * caller's name), the cross-site guard on mutations, and the open health check.
 */
class SecurityIT extends DeployedApp {
    private static final Map<String, String> NONE = Map.of();
    private static final Map<String, String> MARKED = Map.of("X-Requested-By", "it");

    @Test
    void callsWithoutValidCredentialsGet401WithABasicChallenge() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(Api.BASE + "executions")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").contains("Basic realm=\"LightReasoner\""),
                anonymous.headers().map().toString());
        assertEquals(401, Api.call(null, "POST", "jobs/prepare/executions", Map.of("dataset", "x"), MARKED).status());
        HttpResponse<String> wrong = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Api.BASE + "jobs"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("it-admin:guess".getBytes()))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrong.statusCode(), "a wrong password");
        assertEquals(401, Api.call("nobody", "GET", "jobs", null, NONE).status(), "an unknown user");
        // a malformed header is the client's error (Elytron's decoder would answer 500), refused before security
        HttpResponse<String> malformed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Api.BASE + "jobs"))
                .header("Authorization", "Basic x" + Api.authorization(Api.ADMIN).substring(6)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, malformed.statusCode(), "a malformed Basic header");
        // probes and start scripts need no credentials, and learn nothing else there
        Api.Reply health = Api.call(null, "GET", "system/health", null, NONE);
        assertEquals(200, health.status());
        assertEquals("{\"status\":\"UP\"}", health.body().toString());
    }

    /** Every error, the container's included, is an RFC 9457 problem: no HTML page, no empty or plain-text body. */
    @Test
    void everyErrorIsAProblemJson() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String admin = Api.authorization(Api.ADMIN);
        Map<String, HttpRequest> cases = new java.util.LinkedHashMap<>();
        cases.put("401 without credentials", HttpRequest.newBuilder(URI.create(Api.BASE + "executions")).GET().build());
        cases.put("403 for a viewer", HttpRequest.newBuilder(URI.create(Api.BASE + "jobs/prepare/executions"))
                .header("Authorization", Api.authorization(Api.VIEWER)).header("Content-Type", "application/json")
                .header("X-Requested-By", "it").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        cases.put("404 unknown path", HttpRequest.newBuilder(URI.create(Api.BASE + "no-such-thing"))
                .header("Authorization", admin).GET().build());
        cases.put("405 wrong method", HttpRequest.newBuilder(URI.create(Api.BASE + "jobs"))
                .header("Authorization", admin).DELETE().build());
        cases.put("415 not JSON", HttpRequest.newBuilder(URI.create(Api.BASE + "jobs/prepare/executions"))
                .header("Authorization", admin).header("Content-Type", "text/plain").header("X-Requested-By", "it")
                .POST(HttpRequest.BodyPublishers.ofString("dataset=x")).build());
        for (var c : cases.entrySet()) {
            HttpResponse<String> r = client.send(c.getValue(), HttpResponse.BodyHandlers.ofString());
            int expected = Integer.parseInt(c.getKey().substring(0, 3));
            assertEquals(expected, r.statusCode(), c.getKey() + ": " + r.body());
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0],
                    c.getKey() + ": " + r.headers().map());
            JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
            assertEquals(expected, problem.get("status").asInt(), c.getKey() + ": " + r.body());
            assertTrue(problem.hasNonNull("title") && problem.hasNonNull("detail"), c.getKey() + ": " + r.body());
        }
        // the viewer's identity names no server path
        assertTrue(!Api.call(Api.VIEWER, "GET", "system/me", null, NONE).ok().has("dataRoot"));
    }

    @Test
    void aViewerReadsEverythingAndChangesNothing() {
        JsonNode me = Api.call(Api.VIEWER, "GET", "system/me", null, NONE).ok();
        assertEquals("lr-viewer", me.get("role").asText());
        assertEquals(false, me.get("canOperate").asBoolean());
        assertEquals(200, Api.call(Api.VIEWER, "GET", "executions?limit=5", null, NONE).status());
        assertEquals(200, Api.call(Api.VIEWER, "GET", "audit?limit=5", null, NONE).status());
        int executionsBefore = Api.get("executions?limit=1000").ok().size();

        Api.Reply start = Api.call(Api.VIEWER, "POST", "jobs/prepare/executions",
                Map.of("dataset", "viewer-try", "file", "datasets/gsm8k/test.jsonl", "limit", 3), MARKED);
        assertEquals(403, start.status(), start.body().toString());
        for (String path : new String[] {"executions/1/stop", "executions/1/restart", "executions/1/abandon"}) {
            assertEquals(403, Api.call(Api.VIEWER, "POST", path, Map.of("reason", "x"), MARKED).status(), path);
        }
        assertEquals(403, Api.call(Api.VIEWER, "PUT", "jobs/sample/restart-policy", Map.of("maxAttempts", 1), MARKED).status());
        assertEquals(403, Api.call(Api.VIEWER, "POST", "schedules", Map.of("job", "prepare", "cron", "0 0 * * *"), MARKED).status());
        assertEquals(executionsBefore, Api.get("executions?limit=1000").ok().size(), "no execution was started");

        JsonNode refused = latestAudit("jobs/prepare/executions");
        assertEquals(Api.VIEWER, refused.get("actor").asText());
        assertTrue(refused.get("result").asText().startsWith("403"), refused.toString());
    }

    @Test
    void anOperatorRunsJobsButOnlyAnAdminChangesPoliciesAndSchedules() {
        assertEquals("lr-operator", Api.call(Api.OPERATOR, "GET", "system/me", null, NONE).ok().get("role").asText());
        Api.Reply start = Api.call(Api.OPERATOR, "POST", "jobs/prepare/executions",
                Map.of("dataset", "operator-run", "file", "datasets/gsm8k/test.jsonl", "limit", 3), MARKED);
        assertEquals(201, start.status(), start.body().toString());
        JsonNode done = Api.awaitFinished(start.body().get("executionId").asLong());
        assertEquals("COMPLETED", done.get("batchStatus").asText());
        JsonNode audited = latestAudit("jobs/prepare/executions");
        assertEquals(Api.OPERATOR, audited.get("actor").asText(), "the audit row names who started it");
        assertTrue(audited.get("parameters").asText().contains("operator-run"), audited.toString());

        Map<String, Object> policy = Map.of("maxAttempts", 2, "backoffSeconds", 5);
        assertEquals(403, Api.call(Api.OPERATOR, "PUT", "jobs/evaluate/restart-policy", policy, MARKED).status());
        assertEquals(403, Api.call(Api.OPERATOR, "POST", "schedules", Map.of("job", "prepare", "cron", "0 0 * * *"), MARKED).status());
        assertEquals(200, Api.call(Api.ADMIN, "PUT", "jobs/evaluate/restart-policy", policy, MARKED).status());
        assertEquals(403, Api.call(Api.OPERATOR, "DELETE", "jobs/evaluate/restart-policy", null, MARKED).status());
        assertEquals(204, Api.call(Api.ADMIN, "DELETE", "jobs/evaluate/restart-policy", null, MARKED).status());
    }

    /** The console's sign-in check: no Basic challenge on a refusal (no browser prompt), audited, no password kept. */
    @Test
    void theConsoleSignInChecksCredentialsWithoutAChallenge() throws Exception {
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Api.BASE + "system/sign-in"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"it-viewer\",\"password\":\"guess-123\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("WWW-Authenticate").isEmpty(), refused.headers().map().toString());
        JsonNode ok = Api.call(null, "POST", "system/sign-in", Map.of("user", Api.VIEWER, "password", Api.VIEWER + "-password"), NONE).ok();
        assertEquals("lr-viewer", ok.get("role").asText());
        boolean failedRow = false;
        boolean okRow = false;
        for (JsonNode row : Api.get("audit?limit=50&action=sign-in").ok()) {
            assertTrue(!row.toString().contains("guess-123") && !row.toString().contains("-password"), "no password in " + row);
            failedRow |= row.get("actor").asText().equals(Api.VIEWER) && row.get("result").asText().startsWith("401");
            okRow |= row.get("actor").asText().equals(Api.VIEWER) && row.get("result").asText().equals("200 lr-viewer");
        }
        assertTrue(failedRow && okRow, Api.get("audit?limit=10&action=sign-in").body().toString());
    }

    @Test
    void mutationsAreGuardedAgainstCrossSiteRequests() {
        JsonNode done = Api.awaitFinished(Api.start("prepare", Map.of("dataset", "csrf-target",
                "file", "datasets/gsm8k/test.jsonl", "limit", 2)));
        String stop = "executions/" + done.get("executionId").asLong() + "/stop";

        Api.Reply forged = Api.call(Api.ADMIN, "POST", stop, Map.of(), Map.of("Origin", "http://evil.example"));
        assertEquals(403, forged.status(), forged.body().toString());
        assertTrue(forged.body().get("error").asText().contains("cross-site"), forged.body().toString());
        Api.Reply bare = Api.call(Api.ADMIN, "POST", stop, null, NONE);           // what an HTML form could send
        assertEquals(403, bare.status(), bare.body().toString());
        assertTrue(bare.body().get("error").asText().contains("X-Requested-By"), bare.body().toString());

        // the same request from the console's own origin, or marked by a script, reaches the API (409: finished)
        assertEquals(409, Api.call(Api.ADMIN, "POST", stop, Map.of(), Map.of("Origin", "http://127.0.0.1:8080")).status());
        assertEquals(409, Api.call(Api.ADMIN, "POST", stop, null, MARKED).status());
    }

    private static JsonNode latestAudit(String target) {
        for (JsonNode row : Api.get("audit?limit=50").ok()) {
            if (row.get("target").asText().endsWith(target)) {
                return row;
            }
        }
        throw new AssertionError("no audit row for " + target);
    }

    /**
     * Failed sign-ins slow down the address they come from, never the account: ten wrong passwords for the admin
     * from 127.0.0.3 get 429 there (even with the right password), while the admin still signs in from 127.0.0.2
     * and with Basic credentials from 127.0.0.1. Wrong Basic credentials count the same way.
     */
    @Test
    void failedSignInsAreThrottledPerAddressAndNeverLockTheAccount() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertEquals(401, signInFrom("127.0.0.3", Api.ADMIN, "guess-" + i).status(), "attempt " + (i + 1));
        }
        RawReply throttled = signInFrom("127.0.0.3", Api.ADMIN, Api.ADMIN + "-password");
        assertEquals(429, throttled.status(), throttled.text());
        assertTrue(throttled.text().contains("Retry-After: ") && throttled.text().contains("application/problem+json"),
                throttled.text());
        assertEquals(200, signInFrom("127.0.0.2", Api.ADMIN, Api.ADMIN + "-password").status(), "the account is not locked");
        assertEquals(200, Api.call(Api.ADMIN, "GET", "system/me", null, NONE).status());
        String wrongBasic = "Basic " + java.util.Base64.getEncoder().encodeToString((Api.ADMIN + ":nope").getBytes());
        for (int i = 0; i < 10; i++) {
            assertEquals(401, rawFrom("127.0.0.4", "GET", "system/me", null, wrongBasic).status());
        }
        assertEquals(429, rawFrom("127.0.0.4", "GET", "system/me", null, Api.authorization(Api.ADMIN)).status());
        assertEquals(200, rawFrom("127.0.0.5", "GET", "system/me", null, Api.authorization(Api.ADMIN)).status());
    }

    private record RawReply(int status, String text) {
    }

    private static RawReply signInFrom(String address, String user, String password) throws Exception {
        return rawFrom(address, "POST", "system/sign-in", "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}", null);
    }

    /** One HTTP/1.1 request from a given loopback address (the whole 127/8 reaches the server bound to 127.0.0.1). */
    private static RawReply rawFrom(String address, String method, String path, String body, String authorization)
            throws Exception {
        byte[] content = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method + " /lightreasoner/api/" + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:8080\r\nConnection: close\r\nX-Requested-By: it\r\n");
        if (authorization != null) {
            request.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(address, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", 8080), 10_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            String reply = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new RawReply(Integer.parseInt(reply.substring(9, 12)), reply);
        }
    }
}
