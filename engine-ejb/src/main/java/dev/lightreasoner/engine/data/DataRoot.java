package dev.lightreasoner.engine.data;

import dev.lightreasoner.engine.InvalidParameterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The one folder that holds datasets, models and runs. Every path a user gives is resolved
 * inside it; anything that escapes it (absolute elsewhere, {@code ..}, a symlink out) is refused.
 */
public final class DataRoot {
    public static final String PROPERTY = "lightreasoner.data.root";
    public static final String ENV = "LIGHTREASONER_DATA_ROOT";

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
        Path candidate;
        try {
            candidate = root.resolve(value).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidParameterException(parameter, "is not a valid path: " + value);
        }
        if (!candidate.startsWith(root)) {
            throw new InvalidParameterException(parameter, "must be inside the data root " + root + ": " + value);
        }
        if (Files.exists(candidate)) {
            try {
                if (!candidate.toRealPath().startsWith(root)) {
                    throw new InvalidParameterException(parameter, "links outside the data root " + root + ": " + value);
                }
            } catch (IOException e) {
                throw new InvalidParameterException(parameter, "cannot be read: " + e.getMessage());
            }
        }
        return candidate;
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
