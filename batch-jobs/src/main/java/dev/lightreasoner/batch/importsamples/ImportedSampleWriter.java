package dev.lightreasoner.batch.importsamples;

import dev.lightreasoner.engine.sampling.LightReasonerJsonl;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.engine.text.TextTokenizer;
import dev.lightreasoner.store.PreparedQuestion;
import dev.lightreasoner.store.QuestionStore;
import dev.lightreasoner.store.Sample;
import dev.lightreasoner.store.SampleStore;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Stores imported samples: the question (as a prepared question of dataset import-RUN, sampling prompt of
 * spec §3.1) and the sample with prompt and prefix re-tokenized by the expert's tokenizer, as the reference
 * fine-tuning code does. Replays replace rows by key.
 */
@Named
@Dependent
public class ImportedSampleWriter extends AbstractItemWriter {
    @Inject
    JobContext jobContext;
    @Inject
    StepContext stepContext;
    @EJB
    SampleStore samples;
    @EJB
    QuestionStore questions;

    @Override
    public void writeItems(List<Object> items) {
        TextTokenizer tokenizer = (TextTokenizer) stepContext.getTransientUserData();
        long run = jobContext.getInstanceId();
        for (Object item : items) {
            SampleFileReader.ImportedLine line = (SampleFileReader.ImportedLine) item;
            LightReasonerJsonl.Record r = line.record();
            String prompt = ChatPrompts.sampling(r.promptId());
            questions.upsert(List.of(new PreparedQuestion(ImportJob.dataset(jobContext), line.questionIndex(), r.promptId(),
                    "", prompt)), jobContext.getExecutionId());
            samples.upsertImported(new Sample(run, line.questionIndex(), r.step(), tokenizer.encode(r.prefix()),
                    r.tokenIds(), r.weights(), r.kl()), tokenizer.encode(prompt));
        }
    }
}
