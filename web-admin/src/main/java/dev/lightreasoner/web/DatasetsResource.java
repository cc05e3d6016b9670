package dev.lightreasoner.web;

import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.DataRootListing;
import dev.lightreasoner.service.RequestRejected;
import dev.lightreasoner.store.PreparedQuestion;
import dev.lightreasoner.store.QuestionStore;
import dev.lightreasoner.store.SkippedRecord;
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
import java.util.Map;

/** Prepared datasets (counts, a page of questions, the records a prepare skipped) and the data root's pickable files. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DatasetsResource {

    @EJB
    QuestionStore store;

    public record QuestionView(long index, String question, String goldAnswer, String prompt, long executionId) {
    }

    public record SkipView(long lineNumber, String reason) {
    }

    @GET
    @Path("datasets")
    public Map<String, Long> datasets() {
        return store.datasets();
    }

    /** Model folders, adapter folders and JSONL files under the data root: what the console's pickers offer. */
    @GET
    @Path("files")
    public DataRootListing files() {
        return DataRootListing.of(DataRoot.fromEnvironment());
    }

    @GET
    @Path("datasets/{name}/questions")
    public List<QuestionView> questions(@PathParam("name") String name,
                                        @QueryParam("offset") @DefaultValue("0") int offset,
                                        @QueryParam("limit") @DefaultValue("20") int limit) {
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "limit", "offset >= 0 and 1 <= limit <= 1000");
        }
        return store.page(name, offset, limit).stream().map(DatasetsResource::view).toList();
    }

    @GET
    @Path("executions/{id}/skipped")
    public List<SkipView> skipped(@PathParam("id") long id) {
        return store.skipped(id).stream().map(s -> new SkipView(s.getLineNumber(), s.getReason())).toList();
    }

    private static QuestionView view(PreparedQuestion q) {
        return new QuestionView(q.getQuestionIndex(), q.getQuestion(), q.getGoldAnswer(), q.getPrompt(),
                q.getExecutionId());
    }
}
