package dev.lightreasoner.engine.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightreasoner.engine.text.ByteLevelTokenizerJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Writes small random decoders in Hugging Face layout (config.json, generation_config.json,
 * model.safetensors, a byte-level tokenizer.json with Qwen's special tokens and a tokenizer_config.json with
 * ChatML as chat template), for tests, benchmarks and
 * as the starting point of from-scratch pretraining. Same spec and seed, same bytes.
 */
public final class TinyModels {

    /** Shapes of a decoder; {@code vocabSize} is the logits width (at least the tokenizer's 259 ids). */
    public record Spec(String family, int hiddenSize, int layers, int heads, int kvHeads, int headDim,
                       int intermediateSize, int vocabSize, boolean tiedEmbeddings, double ropeTheta) {

        public static Spec qwen2() {
            return new Spec("qwen2", 64, 2, 4, 2, 16, 176, 300, true, 1_000_000);
        }

        public static Spec llama() {
            return new Spec("llama", 48, 2, 6, 3, 8, 128, 272, false, 10_000);
        }

        /** Qwen3 with q/k norms, head_dim different from hidden/heads, and one KV head. */
        public static Spec qwen3() {
            return new Spec("qwen3", 40, 2, 4, 1, 16, 96, 288, true, 1_000_000);
        }

        /** Qwen2.5-0.5B's shapes (about 494M parameters), for benchmarks. */
        public static Spec qwen25HalfB() {
            return new Spec("qwen2", 896, 24, 14, 2, 64, 4864, 151_936, true, 1_000_000);
        }

        public Spec withLayers(int n) {
            return new Spec(family, hiddenSize, n, heads, kvHeads, headDim, intermediateSize, vocabSize,
                    tiedEmbeddings, ropeTheta);
        }
    }

    private TinyModels() {
    }

    /**
     * Writes a random model. {@code std} is the weights' standard deviation: larger values give peakier,
     * more varied next-token distributions, useful when tests need steps that diverge.
     */
    public static Path write(Path folder, Spec spec, long seed, double std) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(seed);
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        int d = spec.hiddenSize();
        int q = spec.heads() * spec.headDim();
        int kv = spec.kvHeads() * spec.headDim();
        int ff = spec.intermediateSize();
        boolean qwen2 = spec.family().equals("qwen2");
        boolean qwen3 = spec.family().equals("qwen3");
        put(tensors, "model.embed_tokens.weight", random, std, spec.vocabSize(), d);
        for (int i = 0; i < spec.layers(); i++) {
            String p = "model.layers." + i + ".";
            norm(tensors, p + "input_layernorm.weight", random, d);
            put(tensors, p + "self_attn.q_proj.weight", random, std, q, d);
            put(tensors, p + "self_attn.k_proj.weight", random, std, kv, d);
            put(tensors, p + "self_attn.v_proj.weight", random, std, kv, d);
            if (qwen2) {
                put(tensors, p + "self_attn.q_proj.bias", random, std, q);
                put(tensors, p + "self_attn.k_proj.bias", random, std, kv);
                put(tensors, p + "self_attn.v_proj.bias", random, std, kv);
            }
            if (qwen3) {
                norm(tensors, p + "self_attn.q_norm.weight", random, spec.headDim());
                norm(tensors, p + "self_attn.k_norm.weight", random, spec.headDim());
            }
            put(tensors, p + "self_attn.o_proj.weight", random, std, d, q);
            norm(tensors, p + "post_attention_layernorm.weight", random, d);
            put(tensors, p + "mlp.gate_proj.weight", random, std, ff, d);
            put(tensors, p + "mlp.up_proj.weight", random, std, ff, d);
            put(tensors, p + "mlp.down_proj.weight", random, std, d, ff);
        }
        norm(tensors, "model.norm.weight", random, d);
        if (!spec.tiedEmbeddings()) {
            put(tensors, "lm_head.weight", random, std, spec.vocabSize(), d);
        }
        SafeTensors.write(folder.resolve("model.safetensors"), tensors);
        writeConfig(folder, spec);
        ByteLevelTokenizerJson.write(folder.resolve("tokenizer.json"));
        ByteLevelTokenizerJson.writeConfig(folder.resolve("tokenizer_config.json"));
        return folder;
    }

    /** config.json and generation_config.json as transformers writes them for these families. */
    public static void writeConfig(Path folder, Spec spec) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode c = json.createObjectNode();
        String arch = switch (spec.family()) {
            case "qwen2" -> "Qwen2ForCausalLM";
            case "qwen3" -> "Qwen3ForCausalLM";
            case "llama" -> "LlamaForCausalLM";
            default -> throw new IllegalArgumentException("unknown family " + spec.family());
        };
        c.putArray("architectures").add(arch);
        c.put("model_type", spec.family());
        c.put("hidden_act", "silu");
        c.put("hidden_size", spec.hiddenSize());
        c.put("intermediate_size", spec.intermediateSize());
        c.put("num_hidden_layers", spec.layers());
        c.put("num_attention_heads", spec.heads());
        c.put("num_key_value_heads", spec.kvHeads());
        c.put("head_dim", spec.headDim());
        c.put("vocab_size", spec.vocabSize());
        c.put("rms_norm_eps", 1e-6);
        c.put("rope_theta", spec.ropeTheta());
        c.put("max_position_embeddings", 4096);
        c.put("tie_word_embeddings", spec.tiedEmbeddings());
        c.put("bos_token_id", ByteLevelTokenizerJson.ENDOFTEXT);
        c.put("eos_token_id", ByteLevelTokenizerJson.ENDOFTEXT);
        c.put("torch_dtype", "float32");
        json.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("config.json").toFile(), c);
        ObjectNode g = json.createObjectNode();
        g.put("bos_token_id", ByteLevelTokenizerJson.ENDOFTEXT);
        g.put("eos_token_id", ByteLevelTokenizerJson.ENDOFTEXT);
        g.put("do_sample", false);
        json.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("generation_config.json").toFile(), g);
    }

    private static void put(Map<String, SafeTensors.Tensor> out, String name, Random random, double std, long... shape) {
        int n = Math.toIntExact(java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b));
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        out.put(name, new SafeTensors.Tensor(values, shape, "F32"));
    }

    private static void norm(Map<String, SafeTensors.Tensor> out, String name, Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) (1.0 + 0.1 * random.nextGaussian());
        }
        out.put(name, new SafeTensors.Tensor(values, new long[] {size}, "F32"));
    }
}
