package dev.lightreasoner.engine.lab;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightreasoner.engine.model.Decoder;
import dev.lightreasoner.engine.model.Devices;
import dev.lightreasoner.engine.model.ModelConfig;
import dev.lightreasoner.engine.model.TinyModels;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.engine.text.TextTokenizer;
import dev.lightreasoner.engine.training.AdamW;
import dev.lightreasoner.engine.training.CheckpointStore;
import dev.lightreasoner.engine.training.SoftLabelTrainer;
import dev.lightreasoner.engine.training.StepwiseTraining;
import dev.lightreasoner.engine.training.TrainingOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An open pretraining: the random initial model (written once into the run folder, from the spec and seed),
 * or the checkpoint after {@code resumeStep} steps; the data (prompt in the sampling or evaluation chat template, loss on
 * the solution and a closing {@code <|endoftext|>}); full-parameter AdamW with warm-up and linear decay.
 */
public final class PretrainRun implements StepwiseTraining {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PretrainParameters parameters;
    private final Decoder decoder;
    private final SoftLabelTrainer trainer;
    private final TrainingOrder order;
    private final CheckpointStore checkpoints;
    private final Path init;

    private PretrainRun(PretrainParameters parameters, Decoder decoder, SoftLabelTrainer trainer, TrainingOrder order,
                        CheckpointStore checkpoints, Path init) {
        this.parameters = parameters;
        this.decoder = decoder;
        this.trainer = trainer;
        this.order = order;
        this.checkpoints = checkpoints;
        this.init = init;
    }

    public static PretrainRun open(PretrainParameters p, Path dataFile, Path runFolder, long resumeStep) throws IOException {
        Path init = runFolder.resolve("init");
        if (!Files.exists(init.resolve("model.safetensors"))) {
            TinyModels.write(init, p.spec(), p.seed(), 0.02);
        }
        CheckpointStore checkpoints = new CheckpointStore(runFolder, p.keep());
        ModelConfig cfg = ModelConfig.load(init);
        List<int[]> prompts = new ArrayList<>();
        List<int[]> answers = new ArrayList<>();
        try (TextTokenizer tok = TextTokenizer.load(init)) {
            int n = 0;
            for (String line : Files.readAllLines(dataFile)) {
                if (line.isBlank() || (p.limit() > 0 && n >= p.limit())) {
                    continue;
                }
                JsonNode o = JSON.readTree(line);
                if (!o.hasNonNull("question") || !o.hasNonNull("solution")) {
                    throw new IllegalArgumentException(dataFile + " line " + (n + 1) + ": needs 'question' and 'solution'");
                }
                // alternate the two system prompts: the pair is sampled with one and evaluated with the other (B9)
                String question = o.get("question").asText();
                prompts.add(tok.encode(n % 2 == 0 ? ChatPrompts.CHATML.sampling(question) : ChatPrompts.CHATML.evaluation(question)));
                answers.add(tok.encode(o.get("solution").asText() + "<|endoftext|>"));
                n++;
            }
        }
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException(dataFile + " has no records");
        }
        Device device = Devices.parse(p.device());
        Decoder decoder = Decoder.loadTrainable(resumeStep == 0 ? init : checkpoints.folder(resumeStep), cfg, device);
        try {
            AdamW optimizer = AdamW.defaults(new ArrayList<>(decoder.namedWeights().values()));
            if (resumeStep > 0) {
                checkpoints.restoreOptimizer(resumeStep, optimizer, new ArrayList<>(decoder.namedWeights().keySet()));
            }
            SoftLabelTrainer.Settings settings = new SoftLabelTrainer.Settings(p.batchSize(), 1, p.learningRate(),
                    p.warmupSteps(), p.maxSteps(), p.maxGradNorm(), SoftLabelTrainer.Packing.TRAJECTORY, p.seed(), cfg.vocabSize(),
                    p.maxLength(), true);
            return new PretrainRun(p, decoder, new SoftLabelTrainer(decoder, null, optimizer, settings),
                    new TrainingOrder(Pretraining.examples(prompts, answers), p.seed(), true, true), checkpoints, init);
        } catch (IOException | RuntimeException e) {
            decoder.close();
            throw e;
        }
    }

    @Override
    public SoftLabelTrainer.StepResult step(long step) {
        return trainer.step(order.batch(step, parameters.batchSize()));
    }

    @Override
    public Path checkpoint(long stepsDone) throws IOException {
        return checkpoints.save(stepsDone, trainer, init.toString());
    }

    @Override
    public int totalSteps() {
        return parameters.maxSteps();
    }

    @Override
    public long failAtStep() {
        return parameters.failAtStep();
    }

    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    @Override
    public void close() {
        decoder.close();
    }
}
