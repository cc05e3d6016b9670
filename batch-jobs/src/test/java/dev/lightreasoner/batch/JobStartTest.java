package dev.lightreasoner.batch;

import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lightreasoner.engine.data.PrepareParameters;
import org.junit.jupiter.api.Test;

/** Parameters are parsed once per execution: every artifact after the first gets the kept object. */
class JobStartTest {
    @Test
    void theParsedParametersKeptInTheJobContextAreReturnedWithoutParsingAgain() {
        PrepareParameters parsed = new PrepareParameters("q", "q.jsonl", 0, 2, 10, -1);
        FakeJobContext job = new FakeJobContext("prepare", 1, 2, parsed);
        PrepareParameters again = JobStart.parameters(job, PrepareParameters.class, (raw, root) -> {
            throw new AssertionError("parsed a second time");
        });
        assertSame(parsed, again);
    }
}
