package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bad-input corpus: every case must end in a clear error — HTTP 4xx whose message names the field, or a
 * FAILED execution whose exit status names the cause — and leave what exists untouched: prepared datasets,
 * an earlier sampling run's rows, the models and the shipped data files are fingerprinted before and
 * compared after every case.
 */
class BadInputIT extends DeployedApp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = TinyPair.DATA_ROOT;
    private static long baselineRun;

    @TestFactory
    Stream<DynamicTest> corpus() throws Exception {
        String dataset = TinyPair.dataset();
        JsonNode sampled = Api.awaitFinished(Api.start("sample", sample(dataset)));
        assertEquals("COMPLETED", sampled.get("batchStatus").asText(), sampled.toString());
        baselineRun = sampled.get("instanceId").asLong();
        JsonNode completedPrepare = Api.awaitFinished(Api.start("prepare", Map.of("dataset", "bad-ok", "limit", 3)));
        long completedId = completedPrepare.get("executionId").asLong();
        writeFixtures();

        List<DynamicTest> cases = new ArrayList<>();
        // --- requests refused before anything starts (400/404/409/413) ---
        cases.add(refused("unknown job name", "jobs/no-such-job/executions", Map.of(), 404, "job"));
        cases.add(refused("unknown parameter", "jobs/prepare/executions", Map.of("datset", "x"), 400, "datset"));
        cases.add(refused("prepare: file missing", "jobs/prepare/executions",
                Map.of("dataset", "bad-a", "file", "datasets/none.jsonl"), 400, "file"));
        cases.add(refused("prepare: path traversal", "jobs/prepare/executions",
                Map.of("dataset", "bad-b", "file", "../../../../etc/passwd"), 400, "file"));
        cases.add(refused("prepare: absolute path outside the data root", "jobs/prepare/executions",
                Map.of("dataset", "bad-c", "file", "/etc/hostname"), 400, "file"));
        cases.add(refused("sample: unknown dataset", "jobs/sample/executions",
                with(sample(dataset), "dataset", "never-prepared"), 400, "dataset"));
        cases.add(refused("sample: expert folder missing", "jobs/sample/executions",
                with(sample(dataset), "expert", "models/none"), 400, "expert"));
        cases.add(refused("sample: amateur outside the data root", "jobs/sample/executions",
                with(sample(dataset), "amateur", "../../models"), 400, "amateur"));
        cases.add(refused("sample: alpha above 1", "jobs/sample/executions", with(sample(dataset), "alpha", 1.5), 400, "alpha"));
        cases.add(refused("sample: alpha not a number", "jobs/sample/executions", with(sample(dataset), "alpha", "high"),
                400, "alpha"));
        cases.add(refused("sample: negative beta", "jobs/sample/executions", with(sample(dataset), "beta", -0.1), 400, "beta"));
        cases.add(refused("sample: maxNewTokens 0", "jobs/sample/executions", with(sample(dataset), "maxNewTokens", 0),
                400, "maxNewTokens"));
        cases.add(refused("sample: batchSize 0", "jobs/sample/executions", with(sample(dataset), "batchSize", 0),
                400, "batchSize"));
        cases.add(refused("sample: negative temperature", "jobs/sample/executions",
                with(sample(dataset), "temperature", -0.5), 400, "temperature"));
        cases.add(refused("sample: topP without sampling", "jobs/sample/executions",
                with(sample(dataset), "topP", 0.9), 400, "topP"));
        cases.add(refused("sample: precision bf16 (DJL's PyTorch engine aborts on bf16 compute)", "jobs/sample/executions",
                with(sample(dataset), "precision", "bf16"), 400, "precision"));
        cases.add(refused("sample: prompt template missing", "jobs/sample/executions",
                with(sample(dataset), "promptTemplate", "datasets/it-bad/none.jinja"), 400, "promptTemplate"));
        cases.add(refused("sample: prompt template that refuses a system turn", "jobs/sample/executions",
                with(sample(dataset), "promptTemplate", "datasets/it-bad/no-system.jinja"), 400, "System role not supported"));
        cases.add(refused("evaluate: prompt template with a syntax error", "jobs/evaluate/executions",
                Map.of("model", TinyPair.EXPERT, "file", "datasets/it-bad/questions.jsonl",
                        "promptTemplate", "datasets/it-bad/broken.jinja"), 400, "promptTemplate"));
        cases.add(refused("train: learning rate 0", "jobs/train/executions",
                Map.of("samples", baselineRun, "learningRate", 0), 400, "learningRate"));
        cases.add(refused("train: unknown sampling run", "jobs/train/executions", Map.of("samples", 987654), 400, "samples"));
        cases.add(refused("train: keep 1 (the previous checkpoint must survive)", "jobs/train/executions",
                Map.of("samples", baselineRun, "keep", 1), 400, "keep"));
        cases.add(refused("evaluate: unknown format", "jobs/evaluate/executions",
                Map.of("model", TinyPair.EXPERT, "file", "datasets/it-bad/questions.jsonl", "format", "csv"), 400, "format"));
        cases.add(refused("merge: adapter folder is a model, not an adapter", "jobs/merge/executions",
                Map.of("adapter", TinyPair.EXPERT, "output", "models/bad-merged"), 400, "adapter"));
        // --- no job may overwrite or delete what it did not create: outputs are new or empty folders ---
        Map<String, Object> pretrain = Map.of("data", "datasets/it-bad/questions.jsonl", "maxSteps", 2, "warmupSteps", 1);
        cases.add(refused("pretrain: output is the data root", "jobs/pretrain/executions", with(pretrain, "output", "."),
                400, "output"));
        cases.add(refused("pretrain: output is every dataset", "jobs/pretrain/executions", with(pretrain, "output", "datasets"),
                400, "output"));
        cases.add(refused("pretrain: output is an existing model", "jobs/pretrain/executions",
                with(pretrain, "output", TinyPair.EXPERT), 400, "output"));
        cases.add(refused("pretrain: output through a symlink that leads outside", "jobs/pretrain/executions",
                with(pretrain, "output", "datasets/it-bad/outside/new-model"), 400, "output"));
        cases.add(refused("pretrain: output path of 3,000 characters", "jobs/pretrain/executions",
                with(pretrain, "output", "models/" + "m".repeat(3000)), 400, "output"));
        cases.add(refused("synthesize: folder is GSM8K", "jobs/synthesize/executions", Map.of("folder", "datasets/gsm8k"),
                400, "folder"));
        cases.add(refused("synthesize: folder is a file", "jobs/synthesize/executions",
                Map.of("folder", "datasets/it-bad/questions.jsonl"), 400, "folder"));
        cases.add(refused("synthesize: folder through a symlink that leads outside", "jobs/synthesize/executions",
                Map.of("folder", "datasets/it-bad/outside/synthetic"), 400, "folder"));
        cases.add(refused("merge: output is an existing model", "jobs/merge/executions",
                Map.of("adapter", "models/it-bad-adapter", "output", TinyPair.AMATEUR), 400, "output"));
        cases.add(refused("merge: output is the data root", "jobs/merge/executions",
                Map.of("adapter", "models/it-bad-adapter", "output", "."), 400, "output"));
        // --- no input gives a 500: huge offsets, unconvertible values, over-long values, bad cron fields ---
        cases.add(refused("executions: offset 2147483647", "executions?offset=2147483647", Map.of(), 400, "offset", "GET"));
        cases.add(refused("executions: offset not a number", "executions?offset=abc", Map.of(), 400, "offset", "GET"));
        // unknown runs of every kind: the same 404 naming the id (also a run of another job under a run endpoint)
        for (String path : new String[] {"evaluation-runs/99999999", "evaluation-runs/99999999/items",
                "training-runs/99999999/steps", "sampling-runs/99999999", "pipelines/99999999/report",
                "evaluation-runs/" + baselineRun, "training-runs/" + baselineRun + "/steps"}) {
            cases.add(refused("unknown run: " + path, path, Map.of(), 404, "id", "GET"));
        }
        cases.add(refused("schedule: cron of 270 characters", "schedules",
                Map.of("job", "prepare", "cron", "0 " + "1,".repeat(134) + "1 * * * *"), 400, "cron"));
        cases.add(refused("schedule: minute 99", "schedules", Map.of("job", "prepare", "cron", "99 * * * *"), 400, "cron"));
        cases.add(refused("schedule: month 13", "schedules", Map.of("job", "prepare", "cron", "0 0 1 13 *"), 400, "cron"));
        String longPath = "datasets/" + "./".repeat(450) + "gsm8k/test.jsonl";   // valid, 900+ characters
        cases.add(refused("pipeline: parameters longer together than the job repository stores", "jobs/lightreasoner/executions",
                Map.of("expert", TinyPair.EXPERT, "amateur", TinyPair.AMATEUR, "benchmarks",
                        "a=" + longPath + ":gsm8k,b=" + longPath + ":gsm8k,c=" + longPath + ":gsm8k,d=" + longPath + ":gsm8k"),
                400, "benchmarks"));
        cases.add(refused("pipeline: a stage parameter the pipeline sets itself", "jobs/lightreasoner/executions",
                Map.of("expert", TinyPair.EXPERT, "amateur", TinyPair.AMATEUR, "train.samples", 1), 400, "train.samples"));
        cases.add(refused("unknown training run (its latest execution)", "training-runs/99999999", Map.of(), 404, "id", "GET"));
        cases.add(refused("unknown training run's adapter", "training-runs/99999999/adapter.zip", Map.of(), 404, "id", "GET"));
        cases.add(refused("restart of a COMPLETED execution", "executions/" + completedId + "/restart", Map.of(), 409,
                "executionId"));
        cases.add(refused("stop of a finished execution", "executions/" + completedId + "/stop", Map.of(), 409,
                "executionId"));
        cases.add(refused("abandon without a reason", "executions/" + completedId + "/abandon", Map.of(), 400, "reason"));
        cases.add(refused("restart of an unknown execution", "executions/99999999/restart", Map.of(), 404, "executionId"));
        cases.add(refused("restart policy: invalid pattern", "jobs/sample/restart-policy", Map.of("transientPattern", "(["),
                400, "transientPattern", "PUT"));
        cases.add(DynamicTest.dynamicTest("oversized request body", untouched(() -> {
            String big = "{\"dataset\":\"" + "x".repeat(300_000) + "\"}";
            HttpResponse<String> r = raw("POST", "jobs/prepare/executions", big, Map.of());
            assertEquals(413, r.statusCode(), r.body());
        })));
        cases.add(DynamicTest.dynamicTest("body that is not JSON", untouched(() -> {
            HttpResponse<String> r = raw("POST", "jobs/prepare/executions", "dataset=x", Map.of());
            assertEquals(400, r.statusCode(), r.body());
        })));
        cases.add(DynamicTest.dynamicTest("idempotency key reused for another request", untouched(() -> {
            String key = "corpus-" + System.nanoTime();
            HttpResponse<String> first = raw("POST", "jobs/prepare/executions",
                    "{\"dataset\":\"bad-idem\",\"limit\":\"2\"}", Map.of("Idempotency-Key", key));
            assertEquals(201, first.statusCode(), first.body());
            long id = JSON.readTree(first.body()).get("executionId").asLong();
            HttpResponse<String> again = raw("POST", "jobs/prepare/executions",
                    "{\"dataset\":\"bad-idem\",\"limit\":\"2\"}", Map.of("Idempotency-Key", key));
            assertEquals(200, again.statusCode(), again.body());
            assertEquals(id, JSON.readTree(again.body()).get("executionId").asLong(), "the retry returns the same execution");
            HttpResponse<String> other = raw("POST", "jobs/prepare/executions",
                    "{\"dataset\":\"bad-idem-2\",\"limit\":\"2\"}", Map.of("Idempotency-Key", key));
            assertEquals(409, other.statusCode(), other.body());
            assertTrue(other.body().contains("Idempotency-Key"), other.body());
            Api.awaitFinished(id);
        })));
        cases.add(DynamicTest.dynamicTest("abandon of a running execution", untouched(() -> {
            long running = Api.start("sample", with(sample(dataset), "maxNewTokens", 200));
            Api.Reply r = Api.post("executions/" + running + "/abandon", Map.of("reason", "corpus"));
            JsonNode after = Api.awaitFinished(running);
            if (after.get("batchStatus").asText().equals("COMPLETED") && r.status() == 200) {
                throw new AssertionError("abandon accepted on a running execution");
            }
            assertTrue(r.status() == 409 || after.get("batchStatus").asText().equals("ABANDONED"), r.body().toString());
        })));

        // --- jobs that start and must FAIL naming the cause ---
        cases.add(failed("prepare: empty dataset file", "prepare",
                Map.of("dataset", "bad-empty", "file", "datasets/it-bad/empty.jsonl"), "no records"));
        cases.add(failed("import-samples: malformed JSONL line", "import-samples",
                Map.of("file", "datasets/it-bad/malformed.jsonl", "expert", TinyPair.EXPERT), "line 2"));
        cases.add(failed("import-samples: missing field", "import-samples",
                Map.of("file", "datasets/it-bad/missing-field.jsonl", "expert", TinyPair.EXPERT), "prefix"));
        cases.add(failed("evaluate: unknown model_type", "evaluate", evaluate("models/bad-type"), "model_type"));
        cases.add(failed("evaluate: missing tensor", "evaluate", evaluate("models/bad-missing"), "lm_head"));
        cases.add(failed("evaluate: mis-shaped tensor", "evaluate", evaluate("models/bad-shape"), "model.norm.weight"));
        cases.add(failed("evaluate: NaN weights", "evaluate", evaluate("models/bad-nan"), "NaN"));
        cases.add(failed("evaluate: prompt longer than the context", "evaluate", evaluate("models/bad-context"),
                "max_position_embeddings"));
        cases.add(failed("sample: expert and amateur tokenizers differ", "sample",
                with(sample(dataset), "amateur", "models/bad-tokenizer"), "tokenizers differ"));
        cases.add(failed("sample: vocabulary narrower than the tokenizer", "sample",
                with(sample(dataset), "amateur", "models/bad-vocab"), "truncation"));
        return cases.stream();
    }

    // ------------------------------------------------------------------ cases

    private static Map<String, Object> sample(String dataset) {
        return new HashMap<>(Map.of("dataset", dataset, "expert", TinyPair.EXPERT, "amateur", TinyPair.AMATEUR,
                "maxNewTokens", 8, "limit", 3, "beta", 1.5));
    }

    private static Map<String, Object> evaluate(String model) {
        return Map.of("model", model, "file", "datasets/it-bad/questions.jsonl", "format", "gsm8k", "maxNewTokens", 16);
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }

    private static DynamicTest refused(String name, String path, Map<String, ?> body, int status, String field) {
        return refused(name, path, body, status, field, "POST");
    }

    private static DynamicTest refused(String name, String path, Map<String, ?> body, int status, String field,
                                       String method) {
        return DynamicTest.dynamicTest(name, untouched(() -> {
            HttpResponse<String> r = raw(method, path, JSON.writeValueAsString(body), Map.of());
            assertEquals(status, r.statusCode(), name + ": " + r.body());
            JsonNode error = JSON.readTree(r.body());
            assertTrue(field.equals(error.path("parameter").asText()) || error.path("error").asText().contains(field),
                    name + ": the error must name '" + field + "': " + r.body());
        }));
    }

    private static DynamicTest failed(String name, String job, Map<String, ?> parameters, String cause) {
        return DynamicTest.dynamicTest(name, untouched(() -> {
            JsonNode done = Api.awaitFinished(Api.start(job, parameters));
            assertEquals("FAILED", done.get("batchStatus").asText(), name + ": " + done);
            assertTrue(done.get("exitStatus").asText().contains(cause),
                    name + ": the exit status must name the cause '" + cause + "': " + done.get("exitStatus"));
        }));
    }

    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    /** Runs a case and asserts that everything that existed before is unchanged afterwards. */
    private static org.junit.jupiter.api.function.Executable untouched(Check check) {
        return () -> {
            Map<String, String> before = fingerprint();
            check.run();
            Map<String, String> after = fingerprint();
            before.forEach((key, value) -> assertEquals(value, after.get(key), "existing data changed: " + key));
        };
    }

    /** Prepared datasets (name -> questions) except those a case creates, a sampling run's rows, files. */
    private static Map<String, String> fingerprint() throws Exception {
        Map<String, String> f = new TreeMap<>();
        Api.get("datasets").ok().fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("bad-")) {
                f.put("dataset " + e.getKey(), e.getValue().toString());
            }
        });
        f.put("baseline samples", sha256(Api.text("sampling-runs/" + baselineRun + "/samples.jsonl")
                .getBytes(StandardCharsets.UTF_8)));
        for (String folder : List.of(TinyPair.EXPERT, TinyPair.AMATEUR, "datasets/gsm8k", "datasets/it-bad")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(folder))) {
                for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                    f.put(ROOT.relativize(p).toString(), sha256(Files.readAllBytes(p)));
                }
            }
        }
        return f;
    }

    private static HttpResponse<String> raw(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Api.BASE + path))
                .header("Content-Type", "application/json").header("Authorization", Api.authorization(Api.ADMIN))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ------------------------------------------------------------------ fixtures

    private static void writeFixtures() throws IOException {
        Path bad = ROOT.resolve("datasets/it-bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("questions.jsonl"), "{\"question\":\"What is 2 plus 3?\",\"answer\":\"#### 5\"}\n"
                + "{\"question\":\"What is 4 times 2?\",\"answer\":\"#### 8\"}\n");
        Files.writeString(bad.resolve("empty.jsonl"), "");
        Files.writeString(bad.resolve("no-system.jinja"), "{% if messages[0]['role'] == 'system' %}"
                + "{{ raise_exception('System role not supported') }}{% endif %}");
        Files.writeString(bad.resolve("broken.jinja"), "{% for m in messages %}{{ m.content }}");
        String good = "{\"prompt_id\":\"q\",\"step\":1,\"prefix\":\"a\",\"token_ids\":[5],\"weights\":[1.0],"
                + "\"kl_divergence\":0.5}";
        Files.writeString(bad.resolve("malformed.jsonl"), good + "\n{\"prompt_id\": oops\n");
        Files.writeString(bad.resolve("missing-field.jsonl"), good.replace("\"prefix\":\"a\",", "") + "\n");
        // a folder inside the data root that links outside it (a job must not write through it)
        Path outside = Files.createTempDirectory("lr-outside-");
        if (!Files.exists(bad.resolve("outside"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(bad.resolve("outside"), outside);
        }
        // a well-formed adapter folder, so that merge gets as far as checking its output
        Path adapter = Files.createDirectories(ROOT.resolve("models/it-bad-adapter"));
        Files.writeString(adapter.resolve("adapter_config.json"), "{\"base_model_name_or_path\":\"" + TinyPair.EXPERT + "\"}");
        Files.write(adapter.resolve("adapter_model.safetensors"), new byte[16]);

        Path expert = ROOT.resolve(TinyPair.EXPERT);
        mutate("models/bad-type", expert, c -> c.put("model_type", "gpt9"), null);
        mutate("models/bad-context", expert, c -> c.put("max_position_embeddings", 32), null);
        mutate("models/bad-vocab", ROOT.resolve(TinyPair.AMATEUR), c -> c.put("vocab_size", 200), null);
        mutate("models/bad-missing", expert, c -> c.put("tie_word_embeddings", false), null);  // then lm_head is required
        mutate("models/bad-shape", expert, null, header -> ((ObjectNode) header.get("model.norm.weight"))
                .putArray("shape").add(3));
        mutate("models/bad-nan", expert, null, null);
        corruptFirstValue(ROOT.resolve("models/bad-nan/model.safetensors"));
        mutate("models/bad-tokenizer", ROOT.resolve(TinyPair.AMATEUR), null, null);
        Path tokenizer = ROOT.resolve("models/bad-tokenizer/tokenizer.json");
        Files.writeString(tokenizer, Files.readString(tokenizer).replace("<|im_end|>", "<|im_stop|>"));
    }

    /** Copies a model folder and edits its config.json and/or its safetensors header. */
    private static void mutate(String target, Path source, Consumer<ObjectNode> config, Consumer<ObjectNode> header)
            throws IOException {
        Path out = ROOT.resolve(target);
        Files.createDirectories(out);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, out.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (config != null) {
            ObjectNode c = (ObjectNode) JSON.readTree(out.resolve("config.json").toFile());
            config.accept(c);
            JSON.writeValue(out.resolve("config.json").toFile(), c);
        }
        if (header != null) {
            Path file = out.resolve("model.safetensors");
            byte[] bytes = Files.readAllBytes(file);
            long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            ObjectNode h = (ObjectNode) JSON.readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
            header.accept(h);
            byte[] newHeader = JSON.writeValueAsBytes(h);
            int padded = (newHeader.length + 7) / 8 * 8;
            ByteBuffer b = ByteBuffer.allocate(8 + padded + bytes.length - 8 - (int) n).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(padded).put(newHeader);
            for (int i = newHeader.length; i < padded; i++) {
                b.put((byte) ' ');
            }
            b.put(bytes, 8 + (int) n, bytes.length - 8 - (int) n);
            Files.write(file, b.array());
        }
    }

    /** Writes a NaN over the first float of the data section. */
    private static void corruptFirstValue(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ByteBuffer.wrap(bytes, 8 + (int) n, 4).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN);
        Files.write(file, bytes);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
