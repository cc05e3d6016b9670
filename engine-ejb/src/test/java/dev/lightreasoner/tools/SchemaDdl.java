package dev.lightreasoner.tools;

import java.nio.file.Path;

/**
 * Writes the DDL Hibernate would create for today's entities, per database, to stdout: the source of a new
 * migration's statements (review them, then save as db/migration/{h2,postgresql}/V<n>__<what>.sql).
 * Run from engine-ejb: {@code java -cp ... dev.lightreasoner.tools.SchemaDdl h2|postgresql}.
 */
public final class SchemaDdl {
    private SchemaDdl() {
    }

    public static void main(String[] args) throws Exception {
        System.out.print(dev.lightreasoner.store.SchemaDdlWriter.createScript(args.length > 0 ? args[0] : "h2",
                Path.of("target/schema-" + (args.length > 0 ? args[0] : "h2") + ".sql")));
    }
}
