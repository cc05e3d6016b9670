package dev.lightreasoner.batch.prepare;

import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.data.PrepareParameters;
import dev.lightreasoner.store.PreparedQuestion;
import dev.lightreasoner.store.QuestionStore;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Stores a chunk of prepared questions in the chunk's transaction (upsert by dataset and index). */
@Named
@Dependent
public class PreparedQuestionWriter extends AbstractItemWriter {

    @Inject
    JobContext jobContext;
    @EJB
    QuestionStore store;

    private long failAtItem;

    @Override
    public void open(Serializable checkpoint) {
        failAtItem = JobStart.parameters(jobContext, PrepareParameters.class, PrepareParameters::from).failAtItem();
    }

    @Override
    public void writeItems(List<Object> items) {
        List<PreparedQuestion> questions = new ArrayList<>(items.size());
        for (Object item : items) {
            PreparedQuestion q = (PreparedQuestion) item;
            if (q.getQuestionIndex() == failAtItem) {
                // fault injection for restart tests: the whole chunk rolls back
                throw new IllegalStateException("injected failure at item " + failAtItem + " (parameter failAtItem)");
            }
            questions.add(q);
        }
        store.upsert(questions, jobContext.getExecutionId());
    }
}
