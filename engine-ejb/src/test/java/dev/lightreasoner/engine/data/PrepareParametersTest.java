package dev.lightreasoner.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lightreasoner.engine.CheckedParameters;
import dev.lightreasoner.engine.InvalidParameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareParametersTest {
    @TempDir
    Path dir;
    DataRoot root;

    @BeforeEach
    void dataRoot() throws IOException {
        Files.createDirectories(dir.resolve("root/datasets/gsm8k"));
        Files.writeString(dir.resolve("root/datasets/gsm8k/train.jsonl"), "{}\n");
        Files.writeString(dir.resolve("outside.jsonl"), "{}\n");
        root = new DataRoot(dir.resolve("root"));
    }

    @Test
    void defaultsAreFilledIn() {
        PrepareParameters p = PrepareParameters.from(Map.of(), root);
        assertEquals(new PrepareParameters("gsm8k-train", "datasets/gsm8k/train.jsonl", 0, 100, 10, -1), p);
        Map<String, String> stored = CheckedParameters.effective("prepare", Map.of(), p);
        assertEquals(Map.of("dataset", "gsm8k-train", "file", "datasets/gsm8k/train.jsonl", "limit", "0", "chunkSize", "100",
                "skipLimit", "10", "failAtItem", "-1"), stored);
        assertEquals(p, PrepareParameters.from(stored, root));
    }

    @Test
    void everyBadValueNamesItsParameter() {
        assertRejected("dataset", Map.of("dataset", "../x"));
        assertRejected("dataset", Map.of("dataset", ""));
        assertRejected("file", Map.of("file", "datasets/none.jsonl"));
        assertRejected("file", Map.of("file", "../outside.jsonl"));
        assertRejected("file", Map.of("file", dir.resolve("outside.jsonl").toString()));
        assertRejected("file", Map.of("file", "datasets"));
        assertRejected("limit", Map.of("limit", "-1"));
        assertRejected("limit", Map.of("limit", "ten"));
        assertRejected("chunkSize", Map.of("chunkSize", "0"));
        assertRejected("chunkSize", Map.of("chunkSize", "10001"));
        assertRejected("skipLimit", Map.of("skipLimit", "-2"));
        assertRejected("colour", Map.of("colour", "blue"));
    }

    @Test
    void symlinksOutOfTheRootAreRefused() throws IOException {
        Files.createSymbolicLink(dir.resolve("root/datasets/link.jsonl"), dir.resolve("outside.jsonl"));
        InvalidParameterException e = assertRejected("file", Map.of("file", "datasets/link.jsonl"));
        assertEquals(true, e.getMessage().contains("links outside the data root"), e.getMessage());
    }

    @Test
    void absolutePathsInsideTheRootAreAccepted() {
        String abs = root.path().resolve("datasets/gsm8k/train.jsonl").toString();
        assertEquals(abs, PrepareParameters.from(Map.of("file", abs), root).file());
    }

    private InvalidParameterException assertRejected(String parameter, Map<String, String> raw) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> PrepareParameters.from(raw, root));
        assertEquals(parameter, e.parameter(), e.getMessage());
        return e;
    }
}
