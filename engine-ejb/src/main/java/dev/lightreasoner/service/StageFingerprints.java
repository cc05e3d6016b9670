package dev.lightreasoner.service;

import dev.lightreasoner.engine.JobCatalog;
import dev.lightreasoner.engine.data.ArtifactDigests;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.store.QuestionStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What decides whether a pipeline stage can reuse an earlier run: SHA-256 over the job, its effective parameters
 * (sorted) and the content of everything it reads — a path parameter it reads counts by the SHA-256 of the file or
 * model folder it names (not by its name), a prepared dataset by its questions. The same fingerprint, the same work.
 */
@Stateless
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
                add(sha, "content " + e.getKey(), contentOf(root, e.getValue()));
            } else {
                add(sha, "parameter " + e.getKey(), e.getValue());
            }
        }
        spec.reads().forEach((name, record) -> {
            if (record == JobCatalog.Record.PREPARED_DATASET && effective.get(name) != null) {
                add(sha, "dataset " + name, questions.digest(effective.get(name)));
            }
        });
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A path parameter naming a file or folder the job reads (not one it writes). */
    private static boolean readsContent(JobCatalog.Job spec, String name, String value) {
        return value != null && !value.isBlank() && !spec.writes().contains(name) && spec.parameters().stream()
                .anyMatch(p -> p.name().equals(name) && "path".equals(p.type()));
    }

    private static String contentOf(DataRoot root, String path) {
        try {
            return String.valueOf(ArtifactDigests.of(root.path().resolve(path).normalize()).sha256());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " to fingerprint a stage", e);
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
