package dev.lightreasoner.engine.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A Qwen2 / Llama / Qwen3 decoder in fp32 (or fp16, {@link Precision}) on DJL NDArrays, computed as Hugging Face transformers computes
 * it: RMSNorm, rotary embeddings (rotate-half layout), grouped-query attention with causal and padding
 * masks, SwiGLU MLP, optional q/k/v biases and q/k norms, tied or separate LM head.
 * Weights live in one long-lived manager; every forward runs in the caller's (per-call) manager.
 */
public final class Decoder implements AutoCloseable {
    private static final float MASKED = -1e9f; // finite: fully padded query rows stay NaN-free
    private static final float FP16_MAX = 65504f;

    private final ModelConfig cfg;
    private final NDManager weights;
    private final NDArray embed;
    private final NDArray finalNorm;
    private final NDArray lmHead;
    private final Layer[] layers;
    private final double[] inverseFrequencies;

    private record Layer(NDArray inputNorm, NDArray q, NDArray qBias, NDArray k, NDArray kBias, NDArray v,
                         NDArray vBias, NDArray o, NDArray oBias, NDArray qNorm, NDArray kNorm, NDArray postNorm,
                         NDArray gate, NDArray gateBias, NDArray up, NDArray upBias, NDArray down,
                         NDArray downBias) {
    }

    private final boolean trainable;
    private final Precision precision;
    private final DataType compute;             // weights and products; norms, softmax and logits stay fp32
    private final java.util.Map<String, NDArray> named = new java.util.LinkedHashMap<>();

    private Decoder(ModelConfig cfg, SafeTensors st, Device device, boolean trainable, Precision precision)
            throws IOException {
        this.cfg = cfg;
        this.trainable = trainable;
        this.precision = precision;
        this.compute = precision.dataType();
        this.weights = NDManager.newBaseManager(device);
        try {
            int d = cfg.hiddenSize();
            int qOut = cfg.heads() * cfg.headDim();
            int kvOut = cfg.kvHeads() * cfg.headDim();
            int ff = cfg.intermediateSize();
            this.embed = load(st, "model.embed_tokens.weight", cfg.vocabSize(), d);
            this.finalNorm = load(st, "model.norm.weight", d);
            this.lmHead = cfg.tiedEmbeddings() ? embed : load(st, "lm_head.weight", cfg.vocabSize(), d);
            this.layers = new Layer[cfg.layers()];
            for (int i = 0; i < layers.length; i++) {
                String p = "model.layers." + i + ".";
                String a = p + "self_attn.";
                String m = p + "mlp.";
                boolean qkvBias = cfg.attentionBias();
                layers[i] = new Layer(load(st, p + "input_layernorm.weight", d),
                        load(st, a + "q_proj.weight", qOut, d), qkvBias ? load(st, a + "q_proj.bias", qOut) : null,
                        load(st, a + "k_proj.weight", kvOut, d), qkvBias ? load(st, a + "k_proj.bias", kvOut) : null,
                        load(st, a + "v_proj.weight", kvOut, d), qkvBias ? load(st, a + "v_proj.bias", kvOut) : null,
                        load(st, a + "o_proj.weight", d, qOut), cfg.outputBias() ? load(st, a + "o_proj.bias", d) : null,
                        cfg.qkNorm() ? load(st, a + "q_norm.weight", cfg.headDim()) : null,
                        cfg.qkNorm() ? load(st, a + "k_norm.weight", cfg.headDim()) : null,
                        load(st, p + "post_attention_layernorm.weight", d),
                        load(st, m + "gate_proj.weight", ff, d), cfg.mlpBias() ? load(st, m + "gate_proj.bias", ff) : null,
                        load(st, m + "up_proj.weight", ff, d), cfg.mlpBias() ? load(st, m + "up_proj.bias", ff) : null,
                        load(st, m + "down_proj.weight", d, ff), cfg.mlpBias() ? load(st, m + "down_proj.bias", d) : null);
            }
        } catch (RuntimeException | IOException e) {
            weights.close();                      // a refused checkpoint leaves nothing loaded (on a GPU: its memory)
            throw e;
        }
        int half = cfg.headDim() / 2;
        this.inverseFrequencies = new double[half];
        for (int i = 0; i < half; i++) {
            // as transformers: 1 / theta^(2i / head_dim), then the config's rope scaling
            inverseFrequencies[i] = cfg.ropeScaling().apply(1.0 / Math.pow(cfg.ropeTheta(), (2.0 * i) / cfg.headDim()));
        }
    }

    public static Decoder load(Path folder, ModelConfig cfg, Device device) throws IOException {
        return load(folder, cfg, device, Precision.FP32);
    }

    /** Loads for inference with weights held and products computed in the given precision. */
    public static Decoder load(Path folder, ModelConfig cfg, Device device, Precision precision) throws IOException {
        return new Decoder(cfg, SafeTensors.openFolder(folder), device, false, precision);
    }

    /** Loads with every weight copied and requiring gradients (full-parameter training, e.g. pretraining). */
    public static Decoder loadTrainable(Path folder, ModelConfig cfg, Device device) throws IOException {
        return new Decoder(cfg, SafeTensors.openFolder(folder), device, true, Precision.FP32);
    }

    /** Every weight by its Hugging Face name (a tied LM head appears once, as the embedding). */
    public java.util.Map<String, NDArray> namedWeights() {
        return java.util.Collections.unmodifiableMap(named);
    }

    /**
     * Writes the weights as {@code model.safetensors} (F32) into a folder, with config.json,
     * generation_config.json, tokenizer.json and tokenizer_config.json (its chat template) copied from
     * {@code source}: a loadable model folder.
     */
    public void save(Path folder, Path source) throws IOException {
        java.nio.file.Files.createDirectories(folder);
        java.util.Map<String, SafeTensors.Tensor> tensors = new java.util.LinkedHashMap<>();
        named.forEach((name, array) -> tensors.put(name,
                new SafeTensors.Tensor(array.toFloatArray(), array.getShape().getShape(), "F32")));
        SafeTensors.write(folder.resolve("model.safetensors"), tensors);
        for (String file : new String[] {"config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json"}) {
            if (java.nio.file.Files.exists(source.resolve(file))) {
                java.nio.file.Files.copy(source.resolve(file), folder.resolve(file),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    public ModelConfig config() {
        return cfg;
    }

    public Device device() {
        return weights.getDevice();
    }

    public Precision precision() {
        return precision;
    }

    private NDArray load(SafeTensors st, String name, long... shape) throws IOException {
        NDArray array;
        if (trainable) {
            st.requireShape(name, shape);
            array = weights.create(st.floats(name), new Shape(shape)); // a private copy, updated in place
            array.setRequiresGradient(true);
        } else {
            // F32 files are wrapped without a copy: never modify these arrays in place (read-only mapping)
            array = weights.create(st.float32(name, shape), new Shape(shape), DataType.FLOAT32);
        }
        // a diverged or corrupted checkpoint must fail at load, naming the tensor, not produce garbage later; the sum
        // is finite unless a value is not (a sum overflowing without one is checked element-wise), with no
        // tensor-sized temporaries
        try (NDArray sum = array.sum()) {
            if (!Float.isFinite(sum.getFloat())) {
                try (NDArray nan = array.isNaN(); NDArray inf = array.isInfinite(); NDArray bad = nan.logicalOr(inf);
                     NDArray any = bad.any()) {
                    if (any.getBoolean()) {
                        throw new IllegalArgumentException("tensor '" + name + "' contains NaN or infinite values");
                    }
                }
            }
        }
        if (compute != DataType.FLOAT32) {
            array = halved(name, array);
        }
        named.put(name, array);
        return array;
    }

    /** The weight in the compute type; refused when a value is beyond fp16's range (it would become infinite). */
    private NDArray halved(String name, NDArray full) {
        try (NDArray max = full.max(); NDArray min = full.min()) {
            if (max.getFloat() > FP16_MAX || min.getFloat() < -FP16_MAX) {
                throw new IllegalArgumentException("tensor '" + name + "' has values beyond fp16's range (±65504): "
                        + "load the model in fp32");
            }
        }
        NDArray half = full.toType(compute, false);
        full.close();
        return half;
    }

    /**
     * Adds to a projection's output (LoRA): called for every q/k/v/o and MLP projection with the projection's
     * input and base output; returns the output to use.
     */
    @FunctionalInterface
    public interface ProjectionHook {
        NDArray adapt(int layer, String module, NDArray input, NDArray baseOutput);
    }

    public KvCache newCache() {
        return new KvCache(cfg.layers());
    }

    /**
     * Runs the new tokens of every sequence through the decoder, extending the cache.
     *
     * @param m      the per-call manager that owns every result and the cache's arrays
     * @param ids    (B, T) new token ids; padded positions may hold any id
     * @param real   (B, T) false for padding (left padding in batched prompts)
     * @return hidden states after the final norm, (B, T, D)
     */
    public NDArray forward(NDManager m, int[][] ids, boolean[][] real, KvCache cache) {
        return forward(m, ids, real, cache, null);
    }

    /** {@link #forward(NDManager, int[][], boolean[][], KvCache)} with a projection hook (null for none). */
    public NDArray forward(NDManager m, int[][] ids, boolean[][] real, KvCache cache, ProjectionHook hook) {
        int b = ids.length;
        int t = ids[0].length;
        int past = cache.length();
        int total = past + t;
        // positions count real tokens only, so left padding does not shift them
        if (cache.nextPosition == null) {
            cache.nextPosition = new int[b];
        }
        long[] flatIds = new long[b * t];
        long[] positions = new long[b * t];
        boolean[][] allReal = new boolean[b][total];
        for (int i = 0; i < b; i++) {
            if (past > 0) {
                System.arraycopy(cache.real[i], 0, allReal[i], 0, past);
            }
            for (int j = 0; j < t; j++) {
                flatIds[i * t + j] = ids[i][j];
                allReal[i][past + j] = real[i][j];
                positions[i * t + j] = real[i][j] ? cache.nextPosition[i]++ : 0;
            }
        }
        cache.real = allReal;
        return run(m, flatIds, positions, attentionBias(m, allReal, past, t), b, t, cache, hook);
    }

    /**
     * A training forward over packed rows, no cache: each row holds several sequences end to end (segments);
     * a token attends only to earlier tokens of its own segment and its position restarts at 0 in each segment,
     * so every segment is computed exactly as if it were alone in its own row.
     *
     * @param segments (R, W) a segment number per token, equal within a segment, -1 for padding at the row end
     * @return hidden states after the final norm, (R, W, D)
     */
    public NDArray forwardSegments(NDManager m, int[][] ids, int[][] segments, ProjectionHook hook) {
        int b = ids.length;
        int t = ids[0].length;
        long[] flatIds = new long[b * t];
        long[] positions = new long[b * t];
        float[] bias = new float[b * t * t];
        for (int n = 0; n < b; n++) {
            int start = 0;
            for (int i = 0; i < t; i++) {
                if (i > 0 && segments[n][i] != segments[n][i - 1]) {
                    start = i;
                }
                flatIds[n * t + i] = ids[n][i];
                positions[n * t + i] = i - start;
                int row = (n * t + i) * t;
                java.util.Arrays.fill(bias, row, row + t, MASKED);
                java.util.Arrays.fill(bias, row + start, row + i + 1, 0f);     // block-diagonal and causal
            }
        }
        return run(m, flatIds, positions, Tensors.floats(m, bias, new Shape(b, 1, t, t)), b, t, newCache(), hook);
    }

    private NDArray run(NDManager m, long[] flatIds, long[] positions, NDArray bias, int b, int t, KvCache cache,
                        ProjectionHook hook) {
        NDArray[] rope = rotary(m, positions, b, t);                // cos, sin: (B, 1, T, hd)
        NDArray x = Embedding.embedding(m.create(flatIds, new Shape(b, t)), embed, SparseFormat.DENSE).head(); // (B, T, D)
        for (int l = 0; l < layers.length; l++) {
            // each layer's temporaries live in their own scope, freed at the layer's end: peak memory is one
            // layer's activations, not the whole network's
            try (NDManager scope = m.newSubManager()) {
                x.tempAttach(scope);
                NDArray next = layer(layers[l], x, bias, rope, cache, l, hook);
                next.attach(m);
                cache.keys[l].attach(m);
                cache.values[l].attach(m);
                x = next;
            }
        }
        return rmsNorm(x, finalNorm);
    }

    /**
     * Logits over the full vocabulary for the given hidden rows, (N, D) -> (N, V), in fp32 whatever the precision.
     * In fp16 an activation can overflow (a known hazard of some checkpoints): that fails here, not as wrong answers.
     */
    public NDArray logits(NDArray hiddenRows) {
        NDArray logits = fp32(Linear.linear(hiddenRows, lmHead, null).head());
        if (compute != DataType.FLOAT32) {
            try (NDArray sum = logits.sum()) {
                if (!Float.isFinite(sum.getFloat())) {
                    throw new IllegalStateException("the model overflowed fp16 (non-finite logits): run it with"
                            + " precision=fp32");
                }
            }
        }
        return logits;
    }

    private NDArray inCompute(NDArray x) {
        return x.getDataType() == compute ? x : x.toType(compute, false);
    }

    private static NDArray fp32(NDArray x) {
        return x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
    }

    private static NDArray project(NDArray input, NDArray weight, NDArray bias, int layer, String module,
                                   ProjectionHook hook) {
        NDArray out = Linear.linear(input, weight, bias).head();
        return hook == null ? out : hook.adapt(layer, module, input, out);
    }

    private NDArray layer(Layer w, NDArray x, NDArray bias, NDArray[] rope, KvCache cache, int index,
                          ProjectionHook hook) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int hd = cfg.headDim();
        NDArray h = rmsNorm(x, w.inputNorm());
        NDArray q = project(h, w.q(), w.qBias(), index, "q_proj", hook).reshape(b, t, cfg.heads(), hd);   // (B, T, H, hd)
        NDArray k = project(h, w.k(), w.kBias(), index, "k_proj", hook).reshape(b, t, cfg.kvHeads(), hd); // (B, T, KV, hd)
        NDArray v = project(h, w.v(), w.vBias(), index, "v_proj", hook).reshape(b, t, cfg.kvHeads(), hd);
        if (w.qNorm() != null) {
            q = rmsNorm(q, w.qNorm());
            k = rmsNorm(k, w.kNorm());
        }
        q = applyRotary(q.transpose(0, 2, 1, 3), rope);                                            // (B, H, T, hd)
        k = applyRotary(k.transpose(0, 2, 1, 3), rope);                                            // (B, KV, T, hd)
        v = v.transpose(0, 2, 1, 3);
        NDArray[] past = cache.append(index, k, v);                                                 // (B, KV, S, hd)
        k = past[0];
        v = past[1];
        // grouped-query attention without copying keys and values per head: query heads h = g * group + r share
        // key/value head g (as transformers' repeat_kv), so the group's queries are stacked along the time axis
        long s = k.getShape().get(2);
        int group = cfg.heads() / cfg.kvHeads();
        NDArray groupedQ = q.reshape(b, cfg.kvHeads(), group * t, hd);                              // (B, KV, G*T, hd)
        NDArray scores = fp32(Tensors.times(groupedQ.matMul(k.transpose(0, 1, 3, 2)), 1.0 / Math.sqrt(hd)))
                .reshape(b, cfg.kvHeads(), group, t, s).add(bias.expandDims(1));                    // (B, KV, G, T, S)
        NDArray weights = inCompute(scores.softmax(-1)).reshape(b, cfg.kvHeads(), group * t, s);
        NDArray attended = weights.matMul(v).reshape(b, cfg.heads(), t, hd)                          // (B, H, T, hd)
                .transpose(0, 2, 1, 3).reshape(b, t, (long) cfg.heads() * hd);
        x = x.add(project(attended, w.o(), w.oBias(), index, "o_proj", hook));
        h = rmsNorm(x, w.postNorm());
        NDArray gate = Tensors.silu(project(h, w.gate(), w.gateBias(), index, "gate_proj", hook));
        NDArray up = project(h, w.up(), w.upBias(), index, "up_proj", hook);
        return x.add(project(gate.mul(up), w.down(), w.downBias(), index, "down_proj", hook));
    }

    /** In fp32, scaled in the compute type (as transformers: weight * normed.to(input dtype)). */
    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray full = fp32(x);
        NDArray rms = full.square().mean(new int[] {-1}, true).add((float) cfg.rmsEps()).sqrt();
        return inCompute(full.div(rms)).mul(weight);
    }

    /** x * cos + rotate_half(x) * sin, with rotate_half(x) = [-x2, x1]. */
    private NDArray applyRotary(NDArray x, NDArray[] rope) {
        int half = cfg.headDim() / 2;
        NDArray x1 = x.get("..., :" + half);
        NDArray x2 = x.get("..., " + half + ":");
        return x.mul(rope[0]).add(x2.neg().concat(x1, -1).mul(rope[1]));
    }

    private NDArray[] rotary(NDManager m, long[] positions, int b, int t) {
        int hd = cfg.headDim();
        int half = hd / 2;
        float[] cos = new float[b * t * hd];
        float[] sin = new float[b * t * hd];
        for (int r = 0; r < b * t; r++) {
            for (int i = 0; i < half; i++) {
                double angle = positions[r] * inverseFrequencies[i];
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                cos[r * hd + i] = c;
                cos[r * hd + i + half] = c;
                sin[r * hd + i] = s;
                sin[r * hd + i + half] = s;
            }
        }
        Shape shape = new Shape(b, 1, t, hd);
        return new NDArray[] {inCompute(Tensors.floats(m, cos, shape)), inCompute(Tensors.floats(m, sin, shape))};
    }

    /** 0 where query i (at absolute position past+i) may attend key j: j <= past+i and j is real. */
    private static NDArray attentionBias(NDManager m, boolean[][] real, int past, int t) {
        int b = real.length;
        int s = real[0].length;
        float[] bias = new float[b * t * s];
        for (int n = 0; n < b; n++) {
            for (int i = 0; i < t; i++) {
                int row = (n * t + i) * s;
                for (int j = 0; j < s; j++) {
                    bias[row + j] = (j <= past + i && real[n][j]) ? 0f : MASKED;
                }
            }
        }
        return Tensors.floats(m, bias, new Shape(b, 1, t, s));
    }

    @Override
    public void close() {
        weights.close();
    }
}
