package dev.lightreasoner.service;

import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.sampling.LightReasonerJsonl;
import dev.lightreasoner.engine.text.TextTokenizer;
import dev.lightreasoner.store.PreparedQuestion;
import dev.lightreasoner.store.QuestionStore;
import dev.lightreasoner.store.Sample;
import dev.lightreasoner.store.SampleStore;
import dev.lightreasoner.store.SamplingRun;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes a run's samples as LightReasoner JSONL (text fields decoded with the run's expert tokenizer). */
@Stateless
public class SampleExport {
    private static final int PAGE = 500;

    @EJB
    SampleStore samples;
    @EJB
    QuestionStore questions;

    public void write(long runId, OutputStream out) throws IOException {
        SamplingRun run = samples.run(runId);
        if (run == null) {
            throw new RequestRejected(RequestRejected.NOT_FOUND, "run", "no sampling run " + runId);
        }
        try (TextTokenizer tokenizer = TextTokenizer.load(DataRoot.fromEnvironment().resolve("expert", run.getExpert()))) {
            long currentQuestion = -1;
            String questionText = null;
            for (int offset = 0; ; offset += PAGE) {
                List<Sample> page = samples.samples(runId, offset, PAGE, null, null);
                for (Sample s : page) {
                    if (s.getQuestionIndex() != currentQuestion) {
                        currentQuestion = s.getQuestionIndex();
                        PreparedQuestion q = questions.find(run.getDataset(), currentQuestion);
                        questionText = q == null ? "#" + currentQuestion : q.getQuestion();
                    }
                    int[] ids = s.getTokenIds();
                    String[] tokens = new String[ids.length];
                    for (int i = 0; i < ids.length; i++) {
                        tokens[i] = tokenizer.decode(new int[] {ids[i]});
                    }
                    String line = LightReasonerJsonl.write(new LightReasonerJsonl.Record(questionText, s.getStep(),
                            tokenizer.decode(s.getPrefixIds()), tokens, ids, s.getWeights(), s.getKl()));
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
        }
        out.flush();
    }
}
