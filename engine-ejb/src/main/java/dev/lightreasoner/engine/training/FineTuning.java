package dev.lightreasoner.engine.training;

import ai.djl.Device;
import dev.lightreasoner.engine.model.Decoder;
import dev.lightreasoner.engine.model.Devices;
import dev.lightreasoner.engine.model.ModelConfig;
import dev.lightreasoner.engine.text.TextTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An open fine-tuning: the frozen base model, the adapter and optimizer (fresh, or restored from the
 * checkpoint after {@code resumeStep} optimizer steps), the seeded data order and the checkpoint store.
 */
public final class FineTuning implements StepwiseTraining {
    private final TrainParameters parameters;
    private final Decoder decoder;
    private final SoftLabelTrainer trainer;
    private final TrainingOrder order;
    private final CheckpointStore checkpoints;
    private final String baseModel;

    private FineTuning(TrainParameters parameters, Decoder decoder, SoftLabelTrainer trainer, TrainingOrder order,
                       CheckpointStore checkpoints, String baseModel) {
        this.parameters = parameters;
        this.decoder = decoder;
        this.trainer = trainer;
        this.order = order;
        this.checkpoints = checkpoints;
        this.baseModel = baseModel;
    }

    public static FineTuning open(TrainParameters p, Path expertFolder, String expertName, List<TrainingExample> examples,
                                  Path runFolder, long resumeStep) throws IOException {
        ModelConfig cfg = ModelConfig.load(expertFolder);
        int labelVocab;
        try (TextTokenizer tokenizer = TextTokenizer.load(expertFolder)) {
            // LightR mirrors the reference (ordinary tokens only, docs/method.md B2); SFT must learn the end-of-text token too
            labelVocab = p.sft() ? cfg.vocabSize() : tokenizer.ordinaryTokens();
        }
        Device device = Devices.parse(p.device());
        CheckpointStore checkpoints = new CheckpointStore(runFolder, p.keep());
        Decoder decoder = Decoder.load(expertFolder, cfg, device);
        LoraAdapter adapter = null;
        try {
            adapter = resumeStep == 0 ? LoraAdapter.create(cfg, p.lora(), device, p.seed())
                    : LoraAdapter.load(checkpoints.folder(resumeStep), cfg, p.lora(), device);
            AdamW optimizer = AdamW.defaults(adapter.parameters());
            if (resumeStep > 0) {
                checkpoints.restoreOptimizer(resumeStep, optimizer, adapter.parameterNames());
            }
            TrainingOrder order = new TrainingOrder(examples, p.seed(), p.byTrajectory(), p.sft());
            return new FineTuning(p, decoder, new SoftLabelTrainer(decoder, adapter, optimizer, p.settings(labelVocab, order.units())),
                    order, checkpoints, expertName);
        } catch (IOException | RuntimeException e) {
            if (adapter != null) {
                adapter.close();
            }
            decoder.close();
            throw e;
        }
    }

    @Override
    public SoftLabelTrainer.StepResult step(long step) {
        return trainer.step(order.batch(step, trainer.settings().examplesPerStep()));
    }

    @Override
    public Path checkpoint(long stepsDone) throws IOException {
        return checkpoints.save(stepsDone, trainer, baseModel);
    }

    @Override
    public long failAtStep() {
        return parameters.failAtStep();
    }

    public TrainParameters parameters() {
        return parameters;
    }

    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    @Override
    public int totalSteps() {
        return trainer.settings().maxSteps();
    }

    public int examples() {
        return order.size();
    }

    @Override
    public void close() {
        trainer.adapter().close();
        decoder.close();
    }
}
