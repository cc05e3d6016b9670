package dev.lightreasoner.engine.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * What a start form can pick from under the data root: model folders (a {@code config.json}), adapter folders (an
 * {@code adapter_config.json}) and JSONL files, as paths relative to the root. Hidden and staging folders and
 * training checkpoints ({@code checkpoint-<step>}) are left out; at most {@link #MAX_EACH} of each, {@link #MAX_DEPTH} levels deep.
 */
public record DataRootListing(List<String> models, List<String> adapters, List<String> jsonl) {
    public static final int MAX_DEPTH = 5;
    public static final int MAX_EACH = 500;

    public static DataRootListing of(DataRoot root) {
        List<String> models = new ArrayList<>();
        List<String> adapters = new ArrayList<>();
        List<String> jsonl = new ArrayList<>();
        Path base = root.path();
        if (!Files.isDirectory(base)) {
            return new DataRootListing(models, adapters, jsonl);
        }
        try {
            Files.walkFileTree(base, java.util.Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    if (!dir.equals(base) && (name.startsWith(".") || name.startsWith("checkpoint-"))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    String relative = base.relativize(dir).toString().replace('\\', '/');
                    if (Files.isRegularFile(dir.resolve("config.json")) && models.size() < MAX_EACH) {
                        models.add(relative);
                    } else if (Files.isRegularFile(dir.resolve("adapter_config.json")) && adapters.size() < MAX_EACH) {
                        adapters.add(relative);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && file.getFileName().toString().endsWith(".jsonl") && jsonl.size() < MAX_EACH) {
                        jsonl.add(base.relativize(file).toString().replace('\\', '/'));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;                     // unreadable: not offered
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        models.sort(null);
        adapters.sort(null);
        jsonl.sort(null);
        return new DataRootListing(List.copyOf(models), List.copyOf(adapters), List.copyOf(jsonl));
    }
}
