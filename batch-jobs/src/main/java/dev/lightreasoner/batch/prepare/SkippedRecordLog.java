package dev.lightreasoner.batch.prepare;

import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.data.BadRecordException;
import dev.lightreasoner.engine.data.PrepareParameters;
import dev.lightreasoner.store.QuestionStore;
import dev.lightreasoner.store.SkippedRecord;
import jakarta.batch.api.chunk.listener.SkipReadListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;

/** Records every skipped input line with its reason, in the chunk's transaction. */
@Named
@Dependent
public class SkippedRecordLog implements SkipReadListener {
    private static final Logger LOG = Logger.getLogger(SkippedRecordLog.class.getName());

    @Inject
    JobContext jobContext;
    @EJB
    QuestionStore store;

    @Override
    public void onSkipReadItem(Exception e) {
        BadRecordException bad = (BadRecordException) e;
        String dataset = JobStart.parameters(jobContext, PrepareParameters.class, PrepareParameters::from).dataset();
        LOG.warning("prepare execution " + jobContext.getExecutionId() + " skips " + bad.getMessage());
        store.recordSkip(new SkippedRecord(jobContext.getExecutionId(), dataset, bad.lineNumber(), bad.reason()));
    }
}
