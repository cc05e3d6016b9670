package dev.lightreasoner.batch.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lightreasoner.batch.FakeJobContext;
import dev.lightreasoner.engine.sampling.SampleParameters;
import jakarta.batch.api.partition.PartitionPlan;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The sampling step's partition plan: contiguous question ranges that cover the request exactly once. */
class SamplingPartitionsTest {

    private static SampleParameters sampling(long from, long limit, int partitions, List<String> devices) {
        return new SampleParameters("gsm8k-train", "models/expert", "models/amateur", 0.2, 0.4, 128, 8, from, limit,
                partitions, devices, "fp32", 1, -1, 0, 1, 0, "", 1, 0);
    }

    @Test
    void tenQuestionsInThreePartitionsOverTwoDevices() {
        SamplingPartitions mapper = new SamplingPartitions();
        mapper.jobContext = new FakeJobContext("sample", 3, 5, sampling(100, 10, 3, List.of("gpu:0", "gpu:1")));
        PartitionPlan plan = mapper.mapPartitions();
        assertEquals(3, plan.getPartitions());
        assertEquals(3, plan.getThreads(), "every partition runs at once");
        assertFalse(plan.getPartitionsOverride(), "a restart re-runs only the partitions that did not complete");
        Properties[] p = plan.getPartitionProperties();
        assertEquals(List.of("100-104 gpu:0", "104-107 gpu:1", "107-110 gpu:0"),
                List.of(range(p[0]), range(p[1]), range(p[2])));
    }

    private static String range(Properties p) {
        return p.getProperty("from") + "-" + p.getProperty("to") + " " + p.getProperty("device");
    }
}
