package dev.lightreasoner.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lightreasoner.engine.InvalidParameterException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs name new or empty folders inside the root, and publishing never replaces what was there. */
class DataRootTest {
    @TempDir
    Path dir;

    private DataRoot root() throws Exception {
        Path r = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(r.resolve("datasets/gsm8k"));
        Files.writeString(r.resolve("datasets/gsm8k/test.jsonl"), "{}\n");
        Files.createDirectories(r.resolve("models/empty"));
        return new DataRoot(r);
    }

    private static void refused(String expected, Runnable call) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, call::run);
        assertEquals("output", e.parameter());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void anOutputMustBeANewOrEmptyFolderInsideTheRoot() throws Exception {
        DataRoot root = root();
        assertEquals(root.path().resolve("models/new"), root.newFolder("output", "models/new"));
        assertEquals(root.path().resolve("models/empty"), root.newFolder("output", "models/empty"));
        refused("not the root itself", () -> root.newFolder("output", "."));
        refused("not the root itself", () -> root.newFolder("output", "models/.."));
        refused("not empty", () -> root.newFolder("output", "datasets"));
        refused("not empty", () -> root.newFolder("output", "datasets/gsm8k"));
        refused("not a folder", () -> root.newFolder("output", "datasets/gsm8k/test.jsonl"));
        refused("inside the data root", () -> root.newFolder("output", "../elsewhere"));
        refused("too long", () -> root.newFolder("output", "models/" + "x".repeat(3000)));
        // no message reveals where the data root is on the server
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> root.newFolder("output", "/etc"));
        assertFalse(e.getMessage().contains(root.path().toString()), e.getMessage());
    }

    @Test
    void aSymlinkedParentCannotLeadOutsideEvenToAPathThatDoesNotExistYet() throws Exception {
        DataRoot root = root();
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(root.path().resolve("models/link"), outside);
        refused("links outside", () -> root.newFolder("output", "models/link/new-model"));
        refused("links outside", () -> root.newFolder("output", "models/link/a/b/c"));
        Files.createSymbolicLink(root.path().resolve("models/dangling"), dir.resolve("gone"));
        refused("broken link", () -> root.newFolder("output", "models/dangling/new"));
        // a link that stays inside is fine
        Files.createSymbolicLink(root.path().resolve("models/inside"), root.path().resolve("models/empty"));
        assertEquals(root.path().resolve("models/inside/new"), root.newFolder("output", "models/inside/new"));
    }

    @Test
    void publishingMovesIntoANewOrEmptyFolderAndNeverReplacesOne() throws Exception {
        DataRoot root = root();
        Path fresh = root.newFolder("output", "models/fresh");
        Path staged = OutputFolder.staging(fresh);
        Files.writeString(staged.resolve("config.json"), "{}");
        OutputFolder.publish(staged, fresh);
        assertEquals("{}", Files.readString(fresh.resolve("config.json")));
        assertFalse(Files.exists(staged));

        Path empty = root.newFolder("output", "models/empty");
        staged = OutputFolder.staging(empty);
        Files.writeString(staged.resolve("model.safetensors"), "weights");
        OutputFolder.publish(staged, empty);
        assertEquals("weights", Files.readString(empty.resolve("model.safetensors")));

        // a folder that filled up while the job ran is left alone; the result stays staged
        Path raced = root.path().resolve("datasets/gsm8k");
        byte[] before = Files.readAllBytes(raced.resolve("test.jsonl"));
        Path late = OutputFolder.staging(raced);
        Files.writeString(late.resolve("test.jsonl"), "replaced");
        assertThrows(FileAlreadyExistsException.class, () -> OutputFolder.publish(late, raced));
        assertArrayEquals(before, Files.readAllBytes(raced.resolve("test.jsonl")));
        assertEquals("replaced", Files.readString(late.resolve("test.jsonl")));
        OutputFolder.discard(late);
        assertFalse(Files.exists(late));
    }
}
