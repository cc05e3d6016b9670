package dev.lightreasoner.engine.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightreasoner.engine.model.ModelConfig;
import dev.lightreasoner.engine.model.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges a LoRA adapter into its base (docs/method.md §7): W ← W + (alpha/r)·B·A for every adapted projection, biases
 * untouched, and writes a standalone Hugging Face folder (config with the written dtype, model.safetensors,
 * generation config and tokenizer files copied). Tensors stream one at a time, so any model size fits.
 */
public final class LoraMerge {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PROJECTION =
            Pattern.compile("model\\.layers\\.(\\d+)\\.(?:self_attn|mlp)\\.([a-z_]+)\\.weight");
    private static final String[] COPIED = {"generation_config.json", "tokenizer.json", "tokenizer_config.json",
            "chat_template.jinja", "special_tokens_map.json", "vocab.json", "merges.txt"};

    private LoraMerge() {
    }

    /** @param dtype "F32", "F16" or "BF16" (from fp32, round-to-nearest-even) for the merged weights */
    public static void merge(Path base, Path adapterFolder, Path out, String dtype) throws IOException {
        if (!dtype.equals("F32") && !dtype.equals("F16") && !dtype.equals("BF16")) {
            throw new IllegalArgumentException("dtype must be F32, F16 or BF16: " + dtype);
        }
        ModelConfig cfg = ModelConfig.load(base);
        LoraConfig lora = LoraAdapter.readConfig(adapterFolder);
        SafeTensors weights = SafeTensors.openFolder(base);
        SafeTensors adapter = SafeTensors.open(adapterFolder.resolve("adapter_model.safetensors"));
        Files.createDirectories(out);
        Map<String, SafeTensors.Header> headers = new LinkedHashMap<>();
        for (String name : weights.names().stream().sorted().toList()) {
            headers.put(name, new SafeTensors.Header(weights.entry(name).shape(), dtype));
        }
        SafeTensors.write(out.resolve("model.safetensors"), headers, name -> {
            float[] w = weights.floats(name);
            Matcher m = PROJECTION.matcher(name);
            if (m.matches() && lora.targets().contains(m.group(2))) {
                String prefix = LoraAdapter.pefName(Integer.parseInt(m.group(1)), m.group(2));
                long[] io = LoraAdapter.inOut(cfg, m.group(2));
                addProduct(w, adapter.floats(prefix + ".lora_B.weight"), adapter.floats(prefix + ".lora_A.weight"),
                        (int) io[1], lora.rank(), (int) io[0], (float) lora.scaling());
            }
            return w;
        });
        ObjectNode config = (ObjectNode) JSON.readTree(base.resolve("config.json").toFile());
        config.put("torch_dtype", dtype.equals("F32") ? "float32" : dtype.equals("F16") ? "float16" : "bfloat16");
        config.remove("dtype");
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("config.json").toFile(), config);
        for (String file : COPIED) {
            if (Files.exists(base.resolve(file))) {
                Files.copy(base.resolve(file), out.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** w (out × in) += scale · b (out × r) · a (r × in), accumulated in double. */
    static void addProduct(float[] w, float[] b, float[] a, int out, int rank, int in, float scale) {
        double[] row = new double[in];
        for (int o = 0; o < out; o++) {
            java.util.Arrays.fill(row, 0);
            for (int k = 0; k < rank; k++) {
                double bk = b[o * rank + k];
                if (bk != 0) {
                    for (int i = 0; i < in; i++) {
                        row[i] += bk * a[k * in + i];
                    }
                }
            }
            for (int i = 0; i < in; i++) {
                w[o * in + i] += (float) (scale * row[i]);
            }
        }
    }
}
