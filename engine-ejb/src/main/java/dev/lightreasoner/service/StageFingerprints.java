package dev.lightreasoner.service;

import dev.lightreasoner.engine.JobCatalog;
import dev.lightreasoner.engine.data.ArtifactDigests;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.store.QuestionStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What decides whether a pipeline stage can reuse an earlier run: SHA-256 over the job, its effective parameters
 * (sorted) and the content of everything it reads — a path parameter it reads counts by the content of the file or
 * folder it names, not by its name (a folder: its weights' SHA-256 plus its top-level JSON and Jinja files, so a
 * changed tokenizer or chat template counts), a prepared dataset by its questions. The same fingerprint, the same
 * work. Null when something read cannot be identified (missing, no weights, unreadable): such a stage is never reused.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)   // hashing gigabytes must not run inside a transaction
public class StageFingerprints {
    @EJB
    QuestionStore questions;

    public String of(String job, Map<String, String> effective) {
        MessageDigest sha = sha256();
        add(sha, "job", job);
        JobCatalog.Job spec = JobCatalog.jobs().get(job);
        DataRoot root = DataRoot.fromEnvironment();
        for (Map.Entry<String, String> e : new TreeMap<>(effective).entrySet()) {
            if (readsContent(spec, e.getKey(), e.getValue())) {
                // what is read counts, not where it lies: the same model copied elsewhere is the same input
                String content = contentOf(root.path().resolve(e.getValue()).normalize());
                if (content == null) {
                    return null;
                }
                add(sha, "content " + e.getKey(), content);
            } else {
                add(sha, "parameter " + e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, JobCatalog.Record> read : spec.reads().entrySet()) {
            String dataset = effective.get(read.getKey());
            if (read.getValue() == JobCatalog.Record.PREPARED_DATASET && dataset != null) {
                add(sha, "dataset " + read.getKey(), questions.digest(dataset));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A path parameter naming a file or folder the job reads (not one it writes). */
    private static boolean readsContent(JobCatalog.Job spec, String name, String value) {
        return value != null && !value.isBlank() && !spec.writes().contains(name) && spec.parameters().stream()
                .anyMatch(p -> p.name().equals(name) && "path".equals(p.type()));
    }

    /** The content's identity: a file's SHA-256; a folder's weights' SHA-256 and its small metadata files; or null. */
    private static String contentOf(Path path) {
        try {
            ArtifactDigests.Digest weights = ArtifactDigests.of(path);
            if (weights.sha256() == null) {
                return null;
            }
            if (!Files.isDirectory(path)) {
                return weights.sha256();
            }
            MessageDigest sha = sha256();
            add(sha, "weights", weights.sha256());
            List<Path> metadata;
            try (Stream<Path> entries = Files.list(path)) {
                metadata = entries.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().matches(".*\\.(json|jinja)"))
                        .sorted().toList();
            }
            for (Path file : metadata) {
                add(sha, file.getFileName().toString(), HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(file))));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException unreadable) {
            return null;
        }
    }

    private static void add(MessageDigest sha, String key, String value) {
        sha.update((key + "\u0000" + value + "\u0000").getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
