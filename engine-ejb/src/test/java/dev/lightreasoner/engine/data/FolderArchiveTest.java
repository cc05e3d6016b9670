package dev.lightreasoner.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderArchiveTest {
    @TempDir
    Path folder;

    @Test
    void theFolderFilesUnderOneNameByteForByteWithoutSubfolders() throws Exception {
        byte[] weights = new byte[70_000];
        new java.util.Random(1).nextBytes(weights);
        Files.write(folder.resolve("adapter_model.safetensors"), weights);
        Files.writeString(folder.resolve("adapter_config.json"), "{\"r\": 8}");
        Files.createDirectories(folder.resolve("tmp"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FolderArchive.zip(folder, "adapter", out);
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
                if (e.getName().endsWith(".safetensors")) {
                    assertArrayEquals(weights, zip.readAllBytes());
                }
            }
        }
        assertEquals(List.of("adapter/adapter_config.json", "adapter/adapter_model.safetensors"), names);
    }
}
