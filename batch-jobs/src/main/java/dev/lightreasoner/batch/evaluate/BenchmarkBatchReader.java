package dev.lightreasoner.batch.evaluate;

import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.batch.ModelNotes;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.JsonlLines;
import dev.lightreasoner.engine.eval.Benchmarks;
import dev.lightreasoner.engine.eval.EvaluateParameters;
import dev.lightreasoner.engine.eval.Evaluator;
import dev.lightreasoner.engine.model.Decoding;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.engine.text.TextTokenizer;
import dev.lightreasoner.service.LoadedModels;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Reads the benchmark file as batches of items; checkpoint = lines consumed. A malformed line fails the
 * step with its line number. Opens the model (shared per folder and device) and the evaluator.
 */
@Named
@Dependent
public class BenchmarkBatchReader extends AbstractItemReader {
    private static final Logger LOG = Logger.getLogger(BenchmarkBatchReader.class.getName());

    @Inject
    JobContext jobContext;
    @Inject
    StepContext stepContext;
    @EJB
    LoadedModels models;

    private EvaluateParameters params;
    private JsonlLines lines;
    private LoadedModels.Lease model;
    private TextTokenizer tokenizer;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        params = JobStart.parameters(jobContext, EvaluateParameters.class, EvaluateParameters::from);
        DataRoot root = DataRoot.fromEnvironment();
        // lines [from, from + limit), or to the end of the file (limit 0); the checkpoint counts lines from the file's start
        lines = new JsonlLines(root.existingFile("file", params.file()), checkpoint == null ? params.from() : (Long) checkpoint,
                params.limit() == 0 ? 0 : params.from() + params.limit());
        model = models.acquire(root.resolve("model", params.model()), params.device(), params.precision());
        tokenizer = TextTokenizer.load(root.resolve("model", params.model()));
        ChatPrompts prompts = ChatPrompts.forJob(root.resolve("model", params.model()), params.promptTemplate(), root);
        stepContext.setTransientUserData(new Evaluator(model.model(), tokenizer, prompts, params.maxNewTokens()));
        ModelNotes.say(LOG, jobContext, root.resolve("model", params.model()), prompts, Decoding.GREEDY);
    }

    @Override
    public Object readItem() throws Exception {
        List<Benchmarks.Item> batch = new ArrayList<>(params.batchSize());
        while (batch.size() < params.batchSize()) {
            JsonlLines.Line line = lines.next();
            if (line == null) {
                break;
            }
            batch.add(Benchmarks.parse(params.format(), params.questionField(), params.answerField(), line.text(),
                    line.number()));
        }
        return batch.isEmpty() ? null : new ArrayList<>(batch);
    }

    @Override
    public Serializable checkpointInfo() {
        return lines.consumed();
    }

    @Override
    public void close() throws Exception {
        if (lines != null) {
            lines.close();
        }
        if (tokenizer != null) {
            tokenizer.close();
        }
        if (model != null) {
            model.close();
        }
    }
}
