package dev.lightreasoner.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model's {@code generation_config.json} beyond its stop ids (which {@link ModelConfig} honours): what it asks of
 * decoding that a job does not do, so the job can say so instead of ignoring it silently.
 */
public final class GenerationConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Settings no job applies, with the value at which they change nothing. */
    private static final Map<String, Double> NEUTRAL = Map.ofEntries(
            Map.entry("repetition_penalty", 1.0), Map.entry("no_repeat_ngram_size", 0.0),
            Map.entry("num_beams", 1.0), Map.entry("length_penalty", 1.0), Map.entry("min_new_tokens", 0.0),
            Map.entry("min_length", 0.0), Map.entry("typical_p", 1.0), Map.entry("epsilon_cutoff", 0.0),
            Map.entry("eta_cutoff", 0.0), Map.entry("min_p", 0.0), Map.entry("encoder_repetition_penalty", 1.0));

    private final JsonNode json;

    private GenerationConfig(JsonNode json) {
        this.json = json;
    }

    /** The folder's generation_config.json, or an empty one. */
    public static GenerationConfig load(Path folder) {
        Path file = folder.resolve("generation_config.json");
        if (!Files.isRegularFile(file)) {
            return new GenerationConfig(JSON.createObjectNode());
        }
        try {
            return new GenerationConfig(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** What the model asks for that decoding as {@code used} does not do; empty when nothing is ignored. */
    public List<String> unhonoured(Decoding used) {
        List<String> notes = new ArrayList<>();
        NEUTRAL.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            JsonNode v = json.get(e.getKey());
            if (v != null && v.isNumber() && v.asDouble() != e.getValue()) {
                notes.add(e.getKey() + " " + v.asText() + " (not applied)");
            }
        });
        for (String list : new String[] {"bad_words_ids", "suppress_tokens", "begin_suppress_tokens", "forced_bos_token_id",
                "forced_eos_token_id"}) {
            JsonNode v = json.get(list);
            if (v != null && !v.isNull() && !(v.isArray() && v.isEmpty())) {
                notes.add(list + " (not applied)");
            }
        }
        boolean samples = json.path("do_sample").asBoolean(false);
        double temperature = json.path("temperature").asDouble(1.0);
        double topP = json.path("top_p").asDouble(1.0);
        if (samples && used.greedy()) {
            notes.add("do_sample with temperature " + temperature + ", top_p " + topP + " (decoding greedily instead)");
        } else if (samples && (temperature != used.temperature() || topP != used.topP())) {
            notes.add("temperature " + temperature + ", top_p " + topP + " (sampling at " + used.temperature() + ", "
                    + used.topP() + " instead)");
        }
        if (samples && !used.greedy() && json.path("top_k").asInt(0) > 0) {
            notes.add("top_k " + json.path("top_k").asInt() + " (not applied)");
        }
        return notes;
    }
}
