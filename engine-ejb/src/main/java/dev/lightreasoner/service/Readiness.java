package dev.lightreasoner.service;

import ai.djl.engine.Engine;
import dev.lightreasoner.engine.data.DataRoot;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * Whether this server can take work: the database answers, the data root can be written, DJL's PyTorch engine is
 * loaded. Answered in MicroProfile Health's wire format (status, named checks). A failed check gives the error's type,
 * never its message (it may hold a path).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Readiness {
    @Resource(lookup = "java:jboss/datasources/LightReasonerDS")
    DataSource dataSource;

    /** {"status": "UP"|"DOWN", "checks": [{"name", "status", "data"?}...]}: UP when every check is. */
    public Map<String, Object> check() {
        List<Map<String, Object>> checks = List.of(
                probe("database", () -> {
                    try (Connection c = dataSource.getConnection()) {
                        return c.isValid(5) ? Map.of("product", c.getMetaData().getDatabaseProductName()) : null;
                    }
                }),
                probe("data-root-writable", () -> {
                    Path file = Files.createTempFile(DataRoot.fromEnvironment().path(), ".ready-", ".tmp");
                    Files.delete(file);
                    return Map.of();
                }),
                probe("djl-engine", () -> {
                    Engine engine = Engine.getEngine("PyTorch");
                    return Map.of("engine", engine.getEngineName() + " " + engine.getVersion(), "gpus", engine.getGpuCount());
                }));
        boolean up = checks.stream().allMatch(c -> c.get("status").equals("UP"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", up ? "UP" : "DOWN");
        out.put("checks", checks);
        return out;
    }

    /** Runs one check: its data when it passes (null data means DOWN), else DOWN with the error's type. */
    private static Map<String, Object> probe(String name, Callable<Map<String, Object>> check) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", name);
        try {
            Map<String, Object> data = check.call();
            result.put("status", data == null ? "DOWN" : "UP");
            if (data != null && !data.isEmpty()) {
                result.put("data", data);
            }
        } catch (Exception | LinkageError e) {
            result.put("status", "DOWN");
            result.put("data", Map.of("error", e.getClass().getSimpleName()));
        }
        return result;
    }
}
