package dev.lightreasoner.batch.importsamples;

import dev.lightreasoner.engine.sampling.ImportParameters;
import dev.lightreasoner.engine.sampling.LightReasonerJsonl;
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
import java.util.logging.Logger;

/**
 * Stores imported samples: the question (as a prepared question of dataset import-RUN, sampling prompt of
 * docs/method.md §3.1) and the sample with prompt + prefix tokenized as one string by the expert's tokenizer, as the
 * reference fine-tuning code does. Replays replace rows by key.
 */
@Named
@Dependent
public class ImportedSampleWriter extends AbstractItemWriter {
    private static final Logger LOG = Logger.getLogger(ImportedSampleWriter.class.getName());

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
        SampleFileReader.ImportSession session = (SampleFileReader.ImportSession) stepContext.getTransientUserData();
        TextTokenizer tokenizer = session.tokenizer();
        long run = jobContext.getInstanceId();
        for (Object item : items) {
            SampleFileReader.ImportedLine line = (SampleFileReader.ImportedLine) item;
            LightReasonerJsonl.Record r = line.record();
            String prompt = session.prompts().sampling(r.promptId());
            questions.upsert(List.of(new PreparedQuestion(ImportParameters.dataset(jobContext.getInstanceId()), line.questionIndex(), r.promptId(),
                    "", prompt)), jobContext.getExecutionId());
            int[] promptIds = tokenizer.encode(prompt);
            int[] prefixIds = TextTokenizer.continuation(tokenizer, prompt, promptIds, r.prefix());
            if (prefixIds == null) {
                // the prefix merges with the prompt's last token (it starts with a newline): encoded on its own
                LOG.warning("import execution " + jobContext.getExecutionId() + ", line " + line.questionIndex()
                        + " step " + r.step() + ": the prefix merges with the prompt across the boundary; encoded separately");
                prefixIds = tokenizer.encode(r.prefix());
            }
            samples.upsertImported(new Sample(run, line.questionIndex(), r.step(), prefixIds, r.tokenIds(), r.weights(),
                    r.kl()), promptIds);
        }
    }
}
