package dev.lightreasoner.batch.prepare;

import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.Gsm8kRecords;
import dev.lightreasoner.engine.data.JsonlLines;
import dev.lightreasoner.engine.data.PrepareParameters;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.logging.Logger;

/**
 * Reads question records from the JSONL file. Checkpoint = lines consumed; a bad line throws
 * BadRecordException, which the step skips (its line is consumed, so the checkpoint moves on).
 */
@Named
@Dependent
public class QuestionFileReader extends AbstractItemReader {
    private static final Logger LOG = Logger.getLogger(QuestionFileReader.class.getName());

    @Inject
    JobContext jobContext;
    @Inject
    StepContext stepContext;

    private JsonlLines lines;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        PrepareParameters params = JobStart.parameters(jobContext, PrepareParameters.class, PrepareParameters::from);
        long resumeAt = checkpoint == null ? 0 : (Long) checkpoint;
        lines = new JsonlLines(params.inputFile(DataRoot.fromEnvironment()), resumeAt, params.limit());
        // visible in the API: where this execution started reading
        stepContext.setTransientUserData(resumeAt);
        LOG.info("prepare execution " + jobContext.getExecutionId() + " reads " + params.file() + " from line "
                + (resumeAt + 1));
    }

    @Override
    public Object readItem() throws Exception {
        JsonlLines.Line line = lines.next();
        if (line == null && lines.consumed() == 0) {
            // an empty file is a mistake (wrong path, truncated copy), not an empty dataset
            throw new IllegalArgumentException("the file has no records (0 lines): nothing to prepare");
        }
        return line == null ? null : Gsm8kRecords.parse(line.text(), line.number());
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
    }
}
