package dev.lightreasoner.tools;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightreasoner.engine.model.Decoder;
import dev.lightreasoner.engine.model.ModelConfig;
import dev.lightreasoner.engine.model.TinyModels;
import dev.lightreasoner.engine.training.AdamW;
import dev.lightreasoner.engine.training.LoraAdapter;
import dev.lightreasoner.engine.training.LoraConfig;
import dev.lightreasoner.engine.training.SoftLabelTrainer;
import dev.lightreasoner.engine.training.TrainingExample;
import dev.lightreasoner.engine.training.TrainingOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the PEFT cross-check fixture: a tiny base model, an adapter our trainer produced (B non-zero) in
 * PEFT layout, input ids and OUR logits of base + adapter. {@code src/test/python/check_peft_adapter.py}
 * (run where transformers + peft exist) loads the same folders with PeftModel and compares.
 * Run: {@code server-config/bin/bench.sh peft-fixture engine-ejb/src/test/resources/peft-check}.
 */
public final class PeftFixture {
    public static final int[] INPUT = {257, 115, 121, 115, 116, 101, 109, 10, 50, 43, 51, 61, 258, 10};

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/peft-check");
        Path base = TinyModels.write(out.resolve("base"), TinyModels.Spec.qwen2(), 11, 0.3);
        ModelConfig cfg = ModelConfig.load(base);
        LoraConfig lora = new LoraConfig(4, 8, 0.0, List.of("q_proj", "k_proj", "v_proj", "o_proj", "down_proj"));
        try (Decoder decoder = Decoder.load(base, cfg, Device.cpu());
             LoraAdapter adapter = LoraAdapter.create(cfg, lora, Device.cpu(), 5);
             NDManager m = NDManager.newBaseManager()) {
            SoftLabelTrainer trainer = new SoftLabelTrainer(decoder, adapter, AdamW.defaults(adapter.parameters()),
                    new SoftLabelTrainer.Settings(4, 1, 0.05, 0, 10, 1.0, SoftLabelTrainer.Packing.PADDING_FREE, 5, 256, 512));
            TrainingOrder order = new TrainingOrder(examples(), 5, true);
            for (int s = 0; s < 10; s++) {
                trainer.step(order.batch(s, 4));
            }
            adapter.save(out.resolve("adapter"), "base");
            boolean[][] real = new boolean[1][INPUT.length];
            java.util.Arrays.fill(real[0], true);
            float[] logits = decoder.logits(decoder.forward(m, new int[][] {INPUT}, real, decoder.newCache(), adapter)
                    .squeeze(0)).toFloatArray();
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = json.createObjectNode();
            ArrayNode ids = root.putArray("input_ids");
            for (int id : INPUT) {
                ids.add(id);
            }
            ArrayNode rows = root.putArray("logits");
            int v = cfg.vocabSize();
            for (int t = 0; t < INPUT.length; t++) {
                ArrayNode row = rows.addArray();
                for (int k = 0; k < v; k++) {
                    row.add(logits[t * v + k]);
                }
            }
            json.writeValue(out.resolve("ours.json").toFile(), root);
        }
        System.out.println("wrote " + out);
    }

    static List<TrainingExample> examples() {
        Random r = new Random(3);
        List<TrainingExample> out = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            int[] prompt = {257, 40 + q, 41, 42, 10};
            int[] traj = new int[8];
            for (int i = 0; i < traj.length; i++) {
                traj[i] = 40 + r.nextInt(60);
            }
            out.add(new TrainingExample(q, 3, prompt, java.util.Arrays.copyOf(traj, 3), new int[] {traj[3], 99},
                    new double[] {0.8, 0.2}));
            out.add(new TrainingExample(q, 6, prompt, java.util.Arrays.copyOf(traj, 6), new int[] {traj[6]},
                    new double[] {1.0}));
        }
        return out;
    }
}
