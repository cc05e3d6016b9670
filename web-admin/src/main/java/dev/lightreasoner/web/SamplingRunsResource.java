package dev.lightreasoner.web;

import dev.lightreasoner.service.RequestRejected;
import dev.lightreasoner.service.SampleExport;
import dev.lightreasoner.store.RunStatistics;
import dev.lightreasoner.store.Sample;
import dev.lightreasoner.store.SampleStore;
import dev.lightreasoner.store.SamplingRun;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;

/** Sampling runs: settings, live statistics (KL histogram), kept samples, and LightReasoner JSONL export. */
@Path("sampling-runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SamplingRunsResource {

    @EJB
    SampleStore store;
    @EJB
    SampleExport export;

    public record RunView(long id, String kind, String dataset, String expert, String amateur, double alpha,
                          double beta, int maxNewTokens, long firstQuestion, long questionLimit, String createdAt,
                          String summarizedAt, long questionsDone, long stepsConsidered, long stepsKept,
                          double keptRate, double meanKl, long[] klHistogram, long samples) {
    }

    /** {@code prefix} and {@code tokens}: the text of the prefix and of each candidate token, when asked ({@code text=true}). */
    public record SampleView(long question, int step, int[] prefixIds, int[] tokenIds, double[] weights, double kl,
                             String prefix, String[] tokens) {
    }

    @GET
    public List<RunView> runs() {
        return store.runs().stream().map(this::view).toList();
    }

    /** The run with statistics computed now from its rows (live while the job runs). */
    @GET
    @Path("{id}")
    public RunView run(@PathParam("id") long id) {
        return view(find(id));
    }

    @GET
    @Path("{id}/samples")
    public List<SampleView> samples(@PathParam("id") long id, @QueryParam("offset") @DefaultValue("0") int offset,
                                    @QueryParam("limit") @DefaultValue("50") int limit,
                                    @QueryParam("minKl") Double minKl, @QueryParam("question") Long question,
                                    @QueryParam("text") boolean text) {
        find(id);
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "limit", "offset >= 0 and 1 <= limit <= 1000");
        }
        if (text) {
            try {
                return export.page(id, offset, limit, minKl, question).stream()
                        .map(d -> view(d.sample(), d.text().prefix(), d.text().tokens())).toList();
            } catch (jakarta.ejb.EJBException noTokenizer) {
                // the run's expert folder was moved or removed: the samples are still shown, as token ids
                java.util.logging.Logger.getLogger(SamplingRunsResource.class.getName()).warning("sampling run " + id
                        + ": samples shown without text, the expert's tokenizer cannot be read: " + noTokenizer.getMessage());
            }
        }
        return store.samples(id, offset, limit, minKl, question).stream().map(s -> view(s, null, null)).toList();
    }

    @GET
    @Path("{id}/samples.jsonl")
    @Produces("application/x-ndjson")
    public Response exportJsonl(@PathParam("id") long id) {
        find(id);
        StreamingOutput body = out -> export.write(id, out);
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"samples-run-" + id + ".jsonl\"")
                .build();
    }

    private SamplingRun find(long id) {
        SamplingRun run = store.run(id);
        if (run == null) {
            throw new RequestRejected(RequestRejected.NOT_FOUND, "id", "no sampling run " + id);
        }
        return run;
    }

    private RunView view(SamplingRun r) {
        RunStatistics s = store.statistics(r.getId());
        return new RunView(r.getId(), r.getKind(), r.getDataset(), r.getExpert(), r.getAmateur(), r.getAlpha(), r.getBeta(),
                r.getMaxNewTokens(), r.getFirstQuestion(), r.getQuestionLimit(), String.valueOf(r.getCreatedAt()),
                r.getSummarizedAt() == null ? null : r.getSummarizedAt().toString(), s.questionsDone(),
                s.stepsConsidered(), s.stepsKept(), s.keptRate(), s.meanKl(), s.klHistogram(), store.sampleCount(r.getId()));
    }

    private static SampleView view(Sample s, String prefix, String[] tokens) {
        return new SampleView(s.getQuestionIndex(), s.getStep(), s.getPrefixIds(), s.getTokenIds(), s.getWeights(), s.getKl(),
                prefix, tokens);
    }
}
