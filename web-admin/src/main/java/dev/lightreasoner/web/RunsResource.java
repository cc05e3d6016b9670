package dev.lightreasoner.web;

import dev.lightreasoner.service.RunLineage;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Any run (job instance) with where it came from: parameters, artifacts with hashes, upstream runs, versions. */
@Path("runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {
    @EJB
    RunLineage lineage;

    @GET
    @Path("{id}/lineage")
    public RunLineage.Lineage lineage(@PathParam("id") long id) {
        return lineage.of(id);
    }
}
