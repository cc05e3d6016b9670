package dev.lightreasoner.batch.prepare;

import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.data.PrepareParameters;
import dev.lightreasoner.engine.data.QuestionRecord;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.store.PreparedQuestion;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Turns a question record into a PreparedQuestion with its sampling prompt (docs/method.md §3.1). */
@Named
@Dependent
public class PromptRenderer implements ItemProcessor {

    @Inject
    JobContext jobContext;

    private String dataset;

    @Override
    public Object processItem(Object item) {
        if (dataset == null) {
            dataset = JobStart.parameters(jobContext, PrepareParameters.class, PrepareParameters::from).dataset();
        }
        QuestionRecord q = (QuestionRecord) item;
        return new PreparedQuestion(dataset, q.index(), q.question(), q.finalAnswer(), ChatPrompts.CHATML.sampling(q.question()));
    }
}
