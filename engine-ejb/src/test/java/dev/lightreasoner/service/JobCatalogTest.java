package dev.lightreasoner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lightreasoner.engine.JobCatalog;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every job's declaration is whole and consistent: what the rules, preflight, progress and lineage derive from it. */
class JobCatalogTest {
    private static final Map<JobCatalog.Record, String> TYPE_OF_A_REFERENCE = Map.of(
            JobCatalog.Record.PREPARED_DATASET, "string", JobCatalog.Record.SAMPLING_RUN, "integer");

    @Test
    void everyDeclaredJobHasRulesAndEveryParameterATypeAndHelp() {
        assertTrue(JobParameterRules.everyJobHasRules(), "every declared job has its rules");
        for (JobCatalog.Job job : JobCatalog.jobs().values()) {
            for (JobCatalog.Parameter p : job.parameters()) {
                assertTrue(p.type().matches("string|path|integer|decimal|boolean|enum:[\\w,]+"), p.toString());
                assertTrue(!p.help().isBlank(), p.toString());
            }
        }
    }

    @Test
    void whatAJobReadsWritesAndMeasuresNamesItsOwnParametersOfTheRightType() {
        for (JobCatalog.Job job : JobCatalog.jobs().values()) {
            Map<String, String> types = job.parameters().stream()
                    .collect(Collectors.toMap(JobCatalog.Parameter::name, JobCatalog.Parameter::type));
            job.reads().forEach((parameter, record) -> assertEquals(TYPE_OF_A_REFERENCE.get(record), types.get(parameter),
                    job.name() + " reads a " + record + " named by " + parameter));
            job.writes().forEach(parameter -> assertEquals("path", types.get(parameter), job.name() + " writes " + parameter));
            JobCatalog.Measure m = job.progress();
            if (m != null) {
                for (String counted : new String[] {m.itemSizeParameter(), m.totalParameter(), m.totalUnknownWhenSet()}) {
                    assertTrue(counted == null || types.get(counted).matches("integer|decimal"), job.name() + " measures by " + counted);
                }
            }
        }
    }

    @Test
    void aPipelinesStagesRunDeclaredJobsAndSetOnlyTheirParameters() {
        JobCatalog.Job pipeline = JobCatalog.jobs().get("lightreasoner");
        assertEquals(java.util.List.of("sample", "train", "sftSample", "sftTrain", "evaluate"),
                java.util.List.copyOf(pipeline.stages().keySet()), "the prefixes, in the order the stages run");
        pipeline.stages().forEach((prefix, stage) -> {
            JobCatalog.Job job = JobCatalog.jobs().get(stage.job());
            assertNotNull(job, prefix + " runs " + stage.job());
            java.util.List<String> names = job.parameters().stream().map(JobCatalog.Parameter::name).toList();
            assertTrue(names.containsAll(stage.setByPipeline()), prefix + ": " + stage.setByPipeline() + " of " + names);
        });
    }

    @Test
    void theDeclarationsSayWhatEachJobReadsAndMakes() {
        JobCatalog.Job train = JobCatalog.jobs().get("train");
        assertEquals(Map.of("samples", JobCatalog.Record.SAMPLING_RUN), train.reads());
        assertEquals(JobCatalog.Record.ADAPTER, train.records());
        assertTrue(train.trains());
        assertEquals("epochs", train.progress().totalUnknownWhenSet());
        assertEquals(Map.of("dataset", JobCatalog.Record.PREPARED_DATASET), JobCatalog.jobs().get("sample").reads());
        for (String writer : new String[] {"merge", "pretrain"}) {
            assertEquals(java.util.List.of("output"), JobCatalog.jobs().get(writer).writes(), writer);
        }
        assertEquals(java.util.List.of("folder"), JobCatalog.jobs().get("synthesize").writes());
        assertNotNull(JobCatalog.jobs().get("evaluate").records());
        assertTrue(JobCatalog.jobs().get("evaluate").writes().isEmpty(), "evaluate creates no folder a parameter names");
    }
}
