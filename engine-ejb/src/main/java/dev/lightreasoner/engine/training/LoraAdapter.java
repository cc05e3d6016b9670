package dev.lightreasoner.engine.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightreasoner.engine.model.Decoder;
import dev.lightreasoner.engine.model.ModelConfig;
import dev.lightreasoner.engine.model.SafeTensors;
import dev.lightreasoner.engine.model.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * LoRA adapters on a decoder's projections: out = W·x + (alpha/r)·B·A·dropout(x). A starts Kaiming-uniform
 * (a = √5, as PEFT), B at zero, so the adapted model starts equal to the base. Saved with PEFT's tensor names.
 * Dropout masks come from a stream per (step, example, layer, module), so a restart from a checkpoint replays
 * exactly the same masks and packing examples together does not change them.
 */
public final class LoraAdapter implements Decoder.ProjectionHook, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoraConfig config;
    private final ModelConfig model;
    private final NDManager manager;
    private final Map<String, NDArray> a = new LinkedHashMap<>();  // "layer.module" -> (r, in)
    private final Map<String, NDArray> b = new LinkedHashMap<>();  // "layer.module" -> (out, r)
    private DropoutLayout dropout;                                  // null: no dropout (evaluation)

    private LoraAdapter(LoraConfig config, ModelConfig model, Device device) {
        this.config = config;
        this.model = model;
        this.manager = NDManager.newBaseManager(device);
    }

    /** A fresh adapter: the model it adapts starts exactly equal to the base. */
    public static LoraAdapter create(ModelConfig model, LoraConfig config, Device device, long seed) {
        LoraAdapter adapter = new LoraAdapter(config, model, device);
        Random random = new Random(seed);
        for (int layer = 0; layer < model.layers(); layer++) {
            for (String module : config.targets()) {
                long[] io = inOut(model, module);
                double bound = 1.0 / Math.sqrt(io[0]);   // kaiming_uniform(a=√5): sqrt(6 / ((1 + 5) · fan_in))
                float[] values = new float[(int) (config.rank() * io[0])];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
                }
                adapter.put(layer + "." + module, adapter.manager.create(values, new Shape(config.rank(), io[0])),
                        adapter.manager.zeros(new Shape(io[1], config.rank()), DataType.FLOAT32));
            }
        }
        return adapter;
    }

    /** Loads {@code adapter_model.safetensors} (PEFT names) from a folder. */
    public static LoraAdapter load(Path folder, ModelConfig model, LoraConfig config, Device device) throws IOException {
        LoraAdapter adapter = new LoraAdapter(config, model, device);
        SafeTensors st = SafeTensors.open(folder.resolve("adapter_model.safetensors"));
        for (int layer = 0; layer < model.layers(); layer++) {
            for (String module : config.targets()) {
                long[] io = inOut(model, module);
                String prefix = pefName(layer, module);
                adapter.put(layer + "." + module,
                        adapter.manager.create(st.floats(prefix + ".lora_A.weight"), new Shape(config.rank(), io[0])),
                        adapter.manager.create(st.floats(prefix + ".lora_B.weight"), new Shape(io[1], config.rank())));
            }
        }
        return adapter;
    }

    private void put(String key, NDArray loraA, NDArray loraB) {
        loraA.setRequiresGradient(true);
        loraB.setRequiresGradient(true);
        a.put(key, loraA);
        b.put(key, loraB);
    }

    /** PEFT's name prefix for a projection, e.g. base_model.model.model.layers.0.self_attn.q_proj. */
    static String pefName(int layer, String module) {
        String block = module.endsWith("_proj") && (module.startsWith("gate") || module.startsWith("up")
                || module.startsWith("down")) ? "mlp" : "self_attn";
        return "base_model.model.model.layers." + layer + "." + block + "." + module;
    }

    static long[] inOut(ModelConfig m, String module) {
        long d = m.hiddenSize();
        long q = (long) m.heads() * m.headDim();
        long kv = (long) m.kvHeads() * m.headDim();
        long ff = m.intermediateSize();
        return switch (module) {
            case "q_proj" -> new long[] {d, q};
            case "k_proj", "v_proj" -> new long[] {d, kv};
            case "o_proj" -> new long[] {q, d};
            case "gate_proj", "up_proj" -> new long[] {d, ff};
            case "down_proj" -> new long[] {ff, d};
            default -> throw new IllegalArgumentException("unknown module " + module);
        };
    }

    public LoraConfig config() {
        return config;
    }

    /** Trainable parameters in a fixed order: A then B of every adapted projection. */
    public List<NDArray> parameters() {
        List<NDArray> out = new ArrayList<>();
        for (String key : a.keySet()) {
            out.add(a.get(key));
            out.add(b.get(key));
        }
        return out;
    }

    public List<String> parameterNames() {
        List<String> out = new ArrayList<>();
        for (String key : a.keySet()) {
            String[] parts = key.split("\\.");
            String prefix = pefName(Integer.parseInt(parts[0]), parts[1]);
            out.add(prefix + ".lora_A.weight");
            out.add(prefix + ".lora_B.weight");
        }
        return out;
    }

    /**
     * Dropout on (training) for the next forward, or off with null. Each token's mask comes from its example's
     * own random stream, so an example gets the same masks whether it runs alone or packed with others.
     */
    public void setDropout(DropoutLayout layout) {
        this.dropout = layout;
    }

    /**
     * Which example each token of a (R, W) forward belongs to ({@code -1}: padding), for per-example dropout
     * masks drawn from {@code seed} (one per optimizer step). An example's tokens lie together, in order.
     */
    public record DropoutLayout(long seed, int[][] exampleOf) {
    }

    @Override
    public NDArray adapt(int layer, String module, NDArray input, NDArray baseOutput) {
        NDArray loraA = a.get(layer + "." + module);
        if (loraA == null) {
            return baseOutput;
        }
        NDArray x = input;
        if (dropout != null && config.dropout() > 0) {
            // the mask lives in torch memory until the layer's scope ends; autograd keeps its own reference
            x = input.mul(dropoutMask(input.getManager(), input.getShape(), layer * 16L + moduleIndex(module)));
        }
        NDArray delta = Linear.linear(Linear.linear(x, loraA, null).head(), b.get(layer + "." + module), null).head();
        return baseOutput.add(Tensors.times(delta, config.scaling()));
    }

    /** (R, W, D) inverted-dropout mask: 0 with probability p, else 1 / (1 - p); 0 on padding. */
    private NDArray dropoutMask(NDManager m, Shape shape, long salt) {
        int rows = (int) shape.get(0);
        int width = (int) shape.get(1);
        int features = (int) shape.get(2);
        float keep = (float) (1 / (1 - config.dropout()));
        float[] mask = new float[rows * width * features];
        for (int r = 0; r < rows; r++) {
            int[] owner = dropout.exampleOf()[r];
            SplittableRandom random = null;
            for (int w = 0; w < width; w++) {
                if (owner[w] < 0) {
                    continue;
                }
                if (w == 0 || owner[w] != owner[w - 1]) {
                    random = new SplittableRandom(mix(mix(dropout.seed(), owner[w]), salt));
                }
                int at = (r * width + w) * features;
                for (int d = 0; d < features; d++) {
                    mask[at + d] = random.nextDouble() < config.dropout() ? 0f : keep;
                }
            }
        }
        return Tensors.floats(m, mask, shape);
    }

    private static int moduleIndex(String module) {
        return List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj").indexOf(module);
    }

    /** A well-spread 31-bit seed from two numbers (splitmix64 finaliser). */
    static long mix(long seed, long salt) {
        long z = seed * 0x9E3779B97F4A7C15L + salt;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & 0x7FFFFFFFL;
    }

    /** Writes adapter_model.safetensors (F32, PEFT names) and adapter_config.json into a folder. */
    public void save(Path folder, String baseModel) throws IOException {
        Files.createDirectories(folder);
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        List<NDArray> params = parameters();
        List<String> names = parameterNames();
        for (int i = 0; i < params.size(); i++) {
            tensors.put(names.get(i), new SafeTensors.Tensor(params.get(i).toFloatArray(),
                    params.get(i).getShape().getShape(), "F32"));
        }
        SafeTensors.write(folder.resolve("adapter_model.safetensors"), tensors);
        ObjectNode c = JSON.createObjectNode();
        c.put("peft_type", "LORA");
        c.put("task_type", "CAUSAL_LM");
        c.put("r", config.rank());
        c.put("lora_alpha", config.alpha());
        c.put("lora_dropout", config.dropout());
        var targets = c.putArray("target_modules");
        config.targets().forEach(targets::add);
        c.put("bias", "none");
        c.put("base_model_name_or_path", baseModel);
        c.put("fan_in_fan_out", false);
        c.put("inference_mode", true);
        c.put("init_lora_weights", true);
        c.putNull("modules_to_save");
        c.putNull("layers_to_transform");
        c.putNull("layers_pattern");
        c.put("use_rslora", false);
        c.put("use_dora", false);
        c.putNull("revision");
        JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("adapter_config.json").toFile(), c);
    }

    /** Reads a saved adapter_config.json back into a LoraConfig. */
    public static LoraConfig readConfig(Path folder) throws IOException {
        var c = JSON.readTree(folder.resolve("adapter_config.json").toFile());
        List<String> targets = new ArrayList<>();
        c.path("target_modules").forEach(t -> targets.add(t.asText()));
        return new LoraConfig(c.path("r").asInt(), c.path("lora_alpha").asDouble(), c.path("lora_dropout").asDouble(),
                targets);
    }

    @Override
    public void close() {
        manager.close();
    }
}
