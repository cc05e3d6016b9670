package dev.lightreasoner.batch.sample;

import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.sampling.SampleParameters;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Properties;

/**
 * Splits the question range into {@code partitions} contiguous ranges, devices round-robin. The plan is
 * not overridden on restart, so a restart re-runs only the partitions that did not complete.
 */
@Named
@Dependent
public class SamplingPartitions implements PartitionMapper {
    @Inject
    JobContext jobContext;

    @Override
    public PartitionPlan mapPartitions() {
        SampleParameters p = JobStart.parameters(jobContext, SampleParameters.class, SampleParameters::from);
        Properties[] props = new Properties[p.partitions()];
        for (int i = 0; i < props.length; i++) {
            long[] range = p.partitionRange(i);
            props[i] = new Properties();
            props[i].setProperty("from", Long.toString(range[0]));
            props[i].setProperty("to", Long.toString(range[1]));
            props[i].setProperty("device", p.deviceOf(i));
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(props.length);
        plan.setThreads(props.length);
        plan.setPartitionProperties(props);
        plan.setPartitionsOverride(false);
        return plan;
    }
}
