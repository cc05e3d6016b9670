package dev.lightreasoner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lightreasoner.tools.ParameterTables;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** docs/parameters.md is the declaration, written out: it cannot drift from what the server checks. */
class ParameterTablesTest {
    @Test
    void theDocumentedTablesAreTheDeclaration() throws Exception {
        assertEquals(ParameterTables.markdown(), Files.readString(ParameterTables.FILE),
                "docs/parameters.md differs from job-parameters.json: regenerate it with dev.lightreasoner.tools.ParameterTables");
    }
}
