package dev.lightreasoner.engine.data;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * How a job publishes a folder it writes (a dataset, a model): built aside in a staging folder next to the
 * output, then moved into place, so that a reader never sees half of it. The output must be new or an empty
 * folder (see {@link DataRoot#newFolder}); publishing never replaces or deletes anything that was there.
 */
public final class OutputFolder {
    private static final String STAGING_PREFIX = ".tmp-";

    private OutputFolder() {
    }

    /** A new, empty staging folder beside {@code output} (same file system, so the final move is a rename). */
    public static Path staging(Path output) throws IOException {
        Files.createDirectories(output.getParent());
        return Files.createTempDirectory(output.getParent(), STAGING_PREFIX + output.getFileName() + "-");
    }

    /**
     * Moves the staged folder into place: one rename when the output does not exist, else (an empty folder the
     * operator prepared) each entry is renamed into it. Fails, touching nothing, when the output is anything else.
     */
    public static void publish(Path staged, Path output) throws IOException {
        if (!Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
            // a plain rename(2) fails if a non-empty folder appeared meanwhile, so nothing is overwritten
            Files.move(staged, output, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        if (!Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS) || !isEmpty(output)) {
            throw new FileAlreadyExistsException(output.toString(), null,
                    "the output appeared while the job ran and is not an empty folder; the result stays in " + staged);
        }
        try (Stream<Path> entries = Files.list(staged)) {
            for (Path entry : entries.toList()) {
                Files.move(entry, output.resolve(entry.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.delete(staged);
    }

    /**
     * Moves a staged folder into place inside the job's own run folder, replacing what an earlier attempt of the same
     * run left there (a replayed chunk's checkpoint, a re-run finish step's adapter). Only for folders the run itself
     * writes: outputs named by an operator go through {@link #publish}.
     */
    public static void replaceOwn(Path staged, Path output) throws IOException {
        if (Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> files = Files.walk(output)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.move(staged, output, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes a staging folder this job created (after a failure); ignores anything else. */
    public static void discard(Path staged) throws IOException {
        if (staged == null || !staged.getFileName().toString().startsWith(STAGING_PREFIX) || !Files.exists(staged)) {
            return;
        }
        try (Stream<Path> files = Files.walk(staged)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }
}
