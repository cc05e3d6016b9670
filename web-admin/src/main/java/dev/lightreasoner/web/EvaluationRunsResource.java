package dev.lightreasoner.web;

import dev.lightreasoner.service.ExecutionSearch;
import dev.lightreasoner.service.RequestRejected;
import dev.lightreasoner.store.EvaluationItem;
import dev.lightreasoner.store.EvaluationStore;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;

/** Evaluation runs (id = evaluate job instance id): accuracy recounted from the items, and the items. */
@Path("evaluation-runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationRunsResource {
    @EJB
    ExecutionSearch search;
    @EJB
    EvaluationStore store;

    public record ItemView(long index, String question, String output, String predicted, String gold, boolean correct,
                           int generatedTokens) {
    }

    @GET
    @Path("{id}")
    public EvaluationStore.Accuracy accuracy(@PathParam("id") long id) {
        search.requireRun(id, "evaluation run", Set.of("evaluate"));
        return store.accuracy(id);
    }

    @GET
    @Path("{id}/items")
    public List<ItemView> items(@PathParam("id") long id, @QueryParam("offset") @DefaultValue("0") int offset,
                                @QueryParam("limit") @DefaultValue("50") int limit) {
        search.requireRun(id, "evaluation run", Set.of("evaluate"));
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "limit", "offset >= 0 and 1 <= limit <= 1000");
        }
        return store.items(id, offset, limit).stream().map(i -> new ItemView(i.getItemIndex(), i.getQuestion(),
                i.getOutput(), i.getPredicted(), i.getGold(), i.isCorrect(), i.getGeneratedTokens())).toList();
    }
}
