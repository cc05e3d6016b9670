package dev.lightreasoner.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What a lineage records about a model, adapter or data file: its kind, size and a SHA-256 of its content —
 * for a model or adapter folder, of its weights (every *.safetensors file, in name order), for a file, of the
 * file. Models can be gigabytes, so digests are cached by path, size and modification time.
 */
public final class ArtifactDigests {
    public record Digest(String kind, String sha256, long bytes) {
    }

    private record Key(Path path, long bytes, long modified) {
    }

    private static final Map<Key, String> CACHE = new ConcurrentHashMap<>();

    private ArtifactDigests() {
    }

    /** The digest of a file or folder; kind "missing" (no digest) when it does not exist. */
    public static Digest of(Path path) throws IOException {
        if (!Files.exists(path)) {
            return new Digest("missing", null, 0);
        }
        List<Path> files = Files.isDirectory(path) ? weights(path) : List.of(path);
        String kind = !Files.isDirectory(path) ? "file" : Files.exists(path.resolve("adapter_config.json")) ? "adapter"
                : Files.exists(path.resolve("config.json")) ? "model" : "folder";
        if (files.isEmpty()) {
            return new Digest(kind, null, 0);
        }
        long bytes = 0;
        long modified = 0;
        for (Path f : files) {
            bytes += Files.size(f);
            modified = Math.max(modified, Files.getLastModifiedTime(f).toMillis());
        }
        Key key = new Key(path.toAbsolutePath().normalize(), bytes, modified);
        String sha = CACHE.get(key);
        if (sha == null) {
            sha = sha256(files);
            CACHE.put(key, sha);
        }
        return new Digest(kind, sha, bytes);
    }

    private static List<Path> weights(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
        }
    }

    private static String sha256(List<Path> files) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
