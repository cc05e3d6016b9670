package dev.lightreasoner.web;

import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.service.DjlHealth;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Health and environment checks for operators and scripts. */
@Path("system")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

    @EJB
    DjlHealth djl;

    /** Cheap liveness: the app is deployed and answers. */
    @GET
    @Path("health")
    public Map<String, String> health() {
        return Map.of("status", "UP", "dataRoot", DataRoot.fromEnvironment().path().toString());
    }

    /** DJL smoke check on the PyTorch engine (loads the natives on first call). */
    @GET
    @Path("djl")
    public DjlHealth.DjlStatus djl() {
        return djl.check();
    }
}
