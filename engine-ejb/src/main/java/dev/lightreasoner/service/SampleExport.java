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
        SamplingRun run = requireRun(runId);
        try (TextTokenizer tokenizer = tokenizerOf(run)) {
            Questions texts = new Questions(run);
            for (int offset = 0; ; offset += PAGE) {
                List<Sample> page = samples.samples(runId, offset, PAGE, null, null);
                for (Sample s : page) {
                    out.write(LightReasonerJsonl.write(decoded(tokenizer, s, texts.of(s))).getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
        }
        out.flush();
    }

    /** A stored sample and its text as exported (question, prefix, each candidate token). */
    public record Decoded(Sample sample, LightReasonerJsonl.Record text) {
    }

    /** A page of the run's samples (as {@link SampleStore#samples} selects them) with their text decoded. */
    public List<Decoded> page(long runId, int offset, int limit, Double minKl, Long question) {
        SamplingRun run = requireRun(runId);
        try (TextTokenizer tokenizer = tokenizerOf(run)) {
            Questions texts = new Questions(run);
            return samples.samples(runId, offset, limit, minKl, question).stream()
                    .map(s -> new Decoded(s, decoded(tokenizer, s, texts.of(s)))).toList();
        }
    }

    private SamplingRun requireRun(long runId) {
        SamplingRun run = samples.run(runId);
        if (run == null) {
            throw new RequestRejected(RequestRejected.NOT_FOUND, "run", "no sampling run " + runId);
        }
        return run;
    }

    private static TextTokenizer tokenizerOf(SamplingRun run) {
        return TextTokenizer.load(DataRoot.fromEnvironment().resolve("expert", run.getExpert()));
    }

    private static LightReasonerJsonl.Record decoded(TextTokenizer tokenizer, Sample s, String questionText) {
        int[] ids = s.getTokenIds();
        String[] tokens = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            tokens[i] = tokenizer.decode(new int[] {ids[i]});
        }
        return new LightReasonerJsonl.Record(questionText, s.getStep(), tokenizer.decode(s.getPrefixIds()), tokens, ids,
                s.getWeights(), s.getKl());
    }

    /** Question texts of a run's dataset, looked up once per question (samples come in question order). */
    private final class Questions {
        private final SamplingRun run;
        private long current = -1;
        private String text;

        Questions(SamplingRun run) {
            this.run = run;
        }

        String of(Sample s) {
            if (s.getQuestionIndex() != current) {
                current = s.getQuestionIndex();
                PreparedQuestion q = questions.find(run.getDataset(), current);
                text = q == null ? "#" + current : q.getQuestion();
            }
            return text;
        }
    }
}
