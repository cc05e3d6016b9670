package dev.lightreasoner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.JobCatalog;
import dev.lightreasoner.engine.data.DataRoot;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The published parameter schema must name exactly the parameters each job's rules accept. */
class JobCatalogTest {
    @TempDir
    Path root;

    @Test
    void everyJobIsDescribedWithExactlyTheParametersItsRulesAccept() {
        assertTrue(JobParameterRules.everyJobHasRules(), "every declared job has its rules");
        for (JobCatalog.Job job : JobCatalog.jobs().values()) {
            InvalidParameterException unknown = assertThrows(InvalidParameterException.class,
                    () -> JobParameterRules.validate(job.name(), Map.of("noSuchParameter", "1"), new DataRoot(root)));
            Matcher known = Pattern.compile("known: \\[([^]]*)]").matcher(unknown.getMessage());
            assertTrue(known.find(), unknown.getMessage());
            Set<String> accepted = Arrays.stream(known.group(1).split(",")).map(String::strip).collect(Collectors.toCollection(TreeSet::new));
            Set<String> described = job.parameters().stream().map(JobCatalog.Parameter::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(accepted, described, "job " + job.name());
            for (JobCatalog.Parameter p : job.parameters()) {
                assertTrue(p.type().matches("string|path|integer|decimal|boolean|enum:[\\w,]+"), p.toString());
                assertTrue(!p.help().isBlank(), p.toString());
            }
        }
    }
}
