package dev.lightreasoner.engine.training;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightreasoner.engine.data.OutputFolder;
import dev.lightreasoner.engine.model.SafeTensors;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Training checkpoints in a run folder: {@code checkpoint-<step>/} with the trained weights (an adapter in
 * PEFT layout, or a whole model folder), the AdamW moments and {@code state.json}. A checkpoint is written into a temporary folder, synced, then renamed into
 * place in one atomic step, so a crash at any moment leaves every earlier checkpoint intact and never a
 * half-written one under a checkpoint name. Older checkpoints beyond {@code keep} are pruned afterwards.
 */
public final class CheckpointStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "checkpoint-";

    private final Path runFolder;
    private final int keep;

    public CheckpointStore(Path runFolder, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1: " + keep);
        }
        this.runFolder = runFolder;
        this.keep = keep;
    }

    public Path folder(long step) {
        return runFolder.resolve(PREFIX + step);
    }

    public Path save(long step, SoftLabelTrainer trainer, String baseModel) throws IOException {
        return save(step, trainer, baseModel, () -> haltIfAsked(step));
    }

    /**
     * Fault injection for the kill -9 proof: with {@code -Dlightreasoner.fault.haltInCheckpoint=N} the JVM halts
     * (no shutdown hooks, like SIGKILL) while checkpoint N is half written. A system property, so only a server
     * administrator can set it.
     */
    private static void haltIfAsked(long step) {
        if (Long.toString(step).equals(System.getProperty("lightreasoner.fault.haltInCheckpoint"))) {
            Runtime.getRuntime().halt(137);
        }
    }

    /** {@code midWrite} runs between the files (tests simulate a crash there). */
    Path save(long step, SoftLabelTrainer trainer, String baseModel, Runnable midWrite) throws IOException {
        Files.createDirectories(runFolder);
        Path tmp = runFolder.resolve(".tmp-" + PREFIX + step + "-" + System.nanoTime());
        trainer.writeWeights(tmp, baseModel);
        midWrite.run();
        Map<String, SafeTensors.Tensor> moments = new LinkedHashMap<>();
        List<String> names = trainer.parameterNames();
        AdamW opt = trainer.optimizer();
        for (int i = 0; i < names.size(); i++) {
            moments.put("exp_avg." + names.get(i), tensor(opt.firstMoments().get(i)));
            moments.put("exp_avg_sq." + names.get(i), tensor(opt.secondMoments().get(i)));
        }
        SafeTensors.write(tmp.resolve("optimizer.safetensors"), moments);
        ObjectNode state = JSON.createObjectNode();
        state.put("step", step);
        state.put("optimizerStep", opt.step());
        state.put("seed", trainer.settings().seed());
        state.put("nextLearningRate", trainer.learningRate(step));
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve("state.json").toFile(), state);
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path f : files.toList()) {
                try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    c.force(true);
                }
            }
        }
        OutputFolder.replaceOwn(tmp, folder(step));   // a replayed chunk rewrites the same step
        Path target = folder(step);
        prune();
        return target;
    }

    /** Steps of the complete checkpoints present, ascending. */
    public List<Long> steps() throws IOException {
        List<Long> out = new ArrayList<>();
        if (!Files.isDirectory(runFolder)) {
            return out;
        }
        try (Stream<Path> entries = Files.list(runFolder)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(PREFIX) && name.substring(PREFIX.length()).matches("\\d+")) {
                    out.add(Long.parseLong(name.substring(PREFIX.length())));
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** Restores the optimizer moments and step of a checkpoint (the adapter is loaded by LoraAdapter.load). */
    public void restoreOptimizer(long step, AdamW optimizer, List<String> names) throws IOException {
        Path folder = folder(step);
        SafeTensors st = SafeTensors.open(folder.resolve("optimizer.safetensors"));
        List<float[]> first = new ArrayList<>();
        List<float[]> second = new ArrayList<>();
        for (String name : names) {
            first.add(st.floats("exp_avg." + name));
            second.add(st.floats("exp_avg_sq." + name));
        }
        long optimizerStep = JSON.readTree(folder.resolve("state.json").toFile()).path("optimizerStep").asLong(step);
        optimizer.restore(optimizerStep, first, second);
    }

    private void prune() throws IOException {
        List<Long> steps = steps();
        for (int i = 0; i < steps.size() - keep; i++) {
            deleteTree(folder(steps.get(i)));
        }
        try (Stream<Path> entries = Files.list(runFolder)) {
            for (Path p : entries.toList()) {
                if (p.getFileName().toString().startsWith(".tmp-")) {
                    deleteTree(p);                     // left by a crash during an earlier write
                }
            }
        }
    }

    private static SafeTensors.Tensor tensor(NDArray a) {
        return new SafeTensors.Tensor(a.toFloatArray(), a.getShape().getShape(), "F32");
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
