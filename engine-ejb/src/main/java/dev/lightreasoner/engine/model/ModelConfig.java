package dev.lightreasoner.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the decoder needs from a Hugging Face {@code config.json} (and {@code generation_config.json}).
 * Families: qwen2 (q/k/v biases), llama (optional attention/MLP biases), qwen3 (q/k RMSNorm).
 * Accepts both transformers 4 ({@code rope_theta}, {@code rope_scaling}) and 5 ({@code rope_parameters}) spellings;
 * rope scaling: {@link RopeScaling}.
 */
public record ModelConfig(String modelType, int hiddenSize, int layers, int heads, int kvHeads, int headDim,
                          int intermediateSize, double rmsEps, double ropeTheta, int vocabSize,
                          boolean tiedEmbeddings, boolean attentionBias, boolean outputBias, boolean mlpBias,
                          boolean qkNorm, int[] eosIds, int maxPositions, RopeScaling ropeScaling) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ModelConfig load(Path folder) throws IOException {
        Path file = folder.resolve("config.json");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "not a model folder: no config.json");
        }
        JsonNode c = JSON.readTree(file.toFile());
        String type = c.path("model_type").asText("");
        boolean qwen2 = type.equals("qwen2");
        boolean qwen3 = type.equals("qwen3");
        if (!qwen2 && !qwen3 && !type.equals("llama")) {
            throw new IllegalArgumentException(file + ": unsupported model_type '" + type
                    + "' (supported: qwen2, llama, qwen3)");
        }
        int hidden = required(c, "hidden_size", file);
        int heads = required(c, "num_attention_heads", file);
        int kvHeads = c.path("num_key_value_heads").asInt(heads);
        int headDim = c.hasNonNull("head_dim") ? c.get("head_dim").asInt() : hidden / heads;
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(file + ": num_attention_heads " + heads
                    + " is not a multiple of num_key_value_heads " + kvHeads);
        }
        double theta = c.hasNonNull("rope_theta") ? c.get("rope_theta").asDouble()
                : c.path("rope_parameters").path("rope_theta").asDouble(10000.0);
        RopeScaling ropeScaling = RopeScaling.of(c, file.toString());
        boolean attentionBias = qwen2 || c.path("attention_bias").asBoolean(false);
        return new ModelConfig(type, hidden, required(c, "num_hidden_layers", file), heads, kvHeads, headDim,
                required(c, "intermediate_size", file), c.path("rms_norm_eps").asDouble(1e-6), theta,
                required(c, "vocab_size", file), c.path("tie_word_embeddings").asBoolean(false), attentionBias,
                !qwen2 && c.path("attention_bias").asBoolean(false), c.path("mlp_bias").asBoolean(false), qwen3,
                eosIds(folder, c), c.path("max_position_embeddings").asInt(Integer.MAX_VALUE), ropeScaling);
    }

    private static int required(JsonNode c, String field, Path file) {
        if (!c.hasNonNull(field)) {
            throw new IllegalArgumentException(file + ": missing '" + field + "'");
        }
        return c.get(field).asInt();
    }

    /** Stop ids: generation_config.json's eos_token_id (int or list), else config.json's. */
    private static int[] eosIds(Path folder, JsonNode config) throws IOException {
        JsonNode eos = config.path("eos_token_id");
        Path gen = folder.resolve("generation_config.json");
        if (Files.exists(gen)) {
            JsonNode g = JSON.readTree(gen.toFile());
            if (g.has("eos_token_id")) {
                eos = g.get("eos_token_id");
            }
        }
        List<Integer> ids = new ArrayList<>();
        if (eos.isArray()) {
            eos.forEach(n -> ids.add(n.asInt()));
        } else if (eos.isNumber()) {
            ids.add(eos.asInt());
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
