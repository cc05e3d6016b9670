package dev.lightreasoner.engine.data;

import dev.lightreasoner.engine.InvalidParameterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one folder that holds datasets, models and runs. Every path a user gives is resolved
 * inside it; anything that escapes it (absolute elsewhere, {@code ..}, a symlink out) is refused.
 */
public final class DataRoot {
    public static final String PROPERTY = "lightreasoner.data.root";
    public static final String ENV = "LIGHTREASONER_DATA_ROOT";
    /** Longer values are refused before the file system sees them (names over 255 bytes fail there). */
    public static final int MAX_PATH_LENGTH = 1024;

    private final Path root;

    public DataRoot(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use data root " + root, e);
        }
    }

    /** System property, then environment variable, then {@code <server data dir>/lightreasoner}. */
    public static DataRoot fromEnvironment() {
        String configured = System.getProperty(PROPERTY, System.getenv(ENV));
        if (configured != null && !configured.isBlank()) {
            return new DataRoot(Path.of(configured));
        }
        String serverData = System.getProperty("jboss.server.data.dir");
        if (serverData != null) {
            return new DataRoot(Path.of(serverData, "lightreasoner"));
        }
        return new DataRoot(Path.of(System.getProperty("user.home"), ".lightreasoner"));
    }

    public Path path() {
        return root;
    }

    /** Resolves {@code value} (relative to the root, or absolute inside it) for the named parameter. */
    public Path resolve(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException(parameter, "is required");
        }
        if (value.length() > MAX_PATH_LENGTH) {
            throw new InvalidParameterException(parameter, "is too long (at most " + MAX_PATH_LENGTH + " characters)");
        }
        Path candidate;
        try {
            candidate = root.resolve(value).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidParameterException(parameter, "is not a valid path: " + value);
        }
        if (!candidate.startsWith(root)) {
            throw new InvalidParameterException(parameter, "must be inside the data root: " + value);
        }
        // the deepest part of the path that exists must really be inside the root: a symlinked folder on the
        // way cannot lead outside it, even to a file or folder that does not exist yet
        Path existing = candidate;
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            if (!existing.toRealPath().startsWith(root)) {
                throw new InvalidParameterException(parameter, "links outside the data root: " + value);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidParameterException(parameter, "is a broken link: " + value);
        } catch (IOException e) {
            throw new InvalidParameterException(parameter, "cannot be read: " + value);
        }
        return candidate;
    }

    /**
     * Like {@link #resolve} for a folder a job will create: it must not exist yet, or be an empty folder. A job
     * never writes into, replaces or deletes anything it did not create.
     */
    public Path newFolder(String parameter, String value) {
        Path folder = resolve(parameter, value);
        if (folder.equals(root)) {
            throw new InvalidParameterException(parameter, "must name a new folder inside the data root, not the root itself");
        }
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidParameterException(parameter, "already exists and is not a folder (choose a new folder): " + value);
            }
            try (var entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new InvalidParameterException(parameter, "already exists and is not empty (choose a new folder): " + value);
                }
            } catch (IOException e) {
                throw new InvalidParameterException(parameter, "cannot be read: " + value);
            }
        }
        return folder;
    }

    /** Like {@link #resolve} and the result must be an existing, readable regular file. */
    public Path existingFile(String parameter, String value) {
        Path file = resolve(parameter, value);
        if (!Files.exists(file)) {
            throw new InvalidParameterException(parameter, "no such file under the data root: " + value);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidParameterException(parameter, "is not a readable file: " + value);
        }
        return file;
    }
}
