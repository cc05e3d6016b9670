package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightreasoner.engine.model.TinyModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The tiny expert/amateur pair the integration tests write into the server's data root, and a prepared
 * question set. The amateur is the expert's first layer only (same seed): related but weaker.
 */
final class TinyPair {
    static final Path DATA_ROOT = Path.of(System.getProperty("it.data.dir"), "lightreasoner");
    static final String EXPERT = "models/it-expert";
    static final String AMATEUR = "models/it-amateur";
    private static String dataset;

    private TinyPair() {
    }

    /** Writes the models (same bytes every time) and prepares 12 GSM8K questions once per JVM. */
    static synchronized String dataset() {
        if (dataset == null) {
            try {
                TinyModels.write(DATA_ROOT.resolve(EXPERT), TinyModels.Spec.qwen2(), 7, 0.3);
                TinyModels.write(DATA_ROOT.resolve(AMATEUR), TinyModels.Spec.qwen2().withLayers(1), 7, 0.3);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String name = "tiny-src-" + System.currentTimeMillis();
            JsonNode prepared = Api.awaitFinished(Api.start("prepare", Map.of("dataset", name, "limit", 12)));
            assertEquals("COMPLETED", prepared.get("batchStatus").asText(), prepared.toString());
            dataset = name;
        }
        return dataset;
    }
}
