package dev.lightreasoner.batch.importsamples;

import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.batch.ModelNotes;
import dev.lightreasoner.engine.data.BadRecordException;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.JsonlLines;
import dev.lightreasoner.engine.model.Decoding;
import dev.lightreasoner.engine.sampling.ImportParameters;
import dev.lightreasoner.engine.sampling.LightReasonerJsonl;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.engine.text.TextTokenizer;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Reads LightReasoner JSONL samples. Questions are numbered by first appearance of their prompt_id; on
 * restart the numbering is rebuilt from the lines before the checkpoint (lines consumed).
 */
@Named
@Dependent
public class SampleFileReader extends AbstractItemReader {
    private static final Logger LOG = Logger.getLogger(SampleFileReader.class.getName());

    @Inject
    JobContext jobContext;
    @Inject
    StepContext stepContext;

    private JsonlLines lines;
    private final Map<String, Long> questionIndex = new HashMap<>();
    private TextTokenizer tokenizer;

    /** What the writer needs. */
    record ImportSession(TextTokenizer tokenizer, ChatPrompts prompts) {
    }

    /** A parsed record and its question number. */
    public record ImportedLine(long questionIndex, LightReasonerJsonl.Record record) implements Serializable {
    }

    @Override
    public void open(Serializable checkpoint) throws Exception {
        ImportParameters p = JobStart.parameters(jobContext, ImportParameters.class, ImportParameters::from);
        DataRoot root = DataRoot.fromEnvironment();
        Path file = root.existingFile("file", p.file());
        long resume = checkpoint == null ? 0 : (Long) checkpoint;
        try (JsonlLines before = new JsonlLines(file, 0, resume)) {
            for (JsonlLines.Line line = before.next(); line != null; line = before.next()) {
                try {
                    number(LightReasonerJsonl.parse(line.text(), line.number()).promptId());
                } catch (BadRecordException skippedBefore) {
                    // was skipped in the earlier execution as well
                }
            }
        }
        lines = new JsonlLines(file, resume, 0);
        tokenizer = TextTokenizer.load(root.resolve("expert", p.expert()));
        // the reference rendered its prompts with the expert's own template
        ChatPrompts prompts = ChatPrompts.forJob(root.resolve("expert", p.expert()), "", root);
        stepContext.setTransientUserData(new ImportSession(tokenizer, prompts));
        ModelNotes.say(LOG, jobContext, root.resolve("expert", p.expert()), prompts, Decoding.GREEDY);
    }

    private long number(String promptId) {
        return questionIndex.computeIfAbsent(promptId, k -> (long) questionIndex.size());
    }

    @Override
    public Object readItem() throws Exception {
        JsonlLines.Line line = lines.next();
        if (line == null) {
            return null;
        }
        LightReasonerJsonl.Record r = LightReasonerJsonl.parse(line.text(), line.number());
        return new ImportedLine(number(r.promptId()), r);
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
    }
}
