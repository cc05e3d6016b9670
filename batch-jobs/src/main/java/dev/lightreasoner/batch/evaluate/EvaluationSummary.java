package dev.lightreasoner.batch.evaluate;

import dev.lightreasoner.batch.ExitStatuses;
import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.eval.EvaluateParameters;
import dev.lightreasoner.store.EvaluationStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Locale;

/** Reports the accuracy recounted from the stored items. */
@Named
@Dependent
public class EvaluationSummary extends AbstractBatchlet {
    @Inject
    JobContext jobContext;
    @EJB
    EvaluationStore store;

    @Override
    public String process() {
        EvaluateParameters p = JobStart.parameters(jobContext, EvaluateParameters.class, EvaluateParameters::from);
        if (p.shardOf() > 0) {                                 // the sharded evaluation reports the accuracy of all items
            String status = "COMPLETED shard of run " + p.shardOf() + ": items [" + p.from() + ", "
                    + (p.from() + p.limit()) + ")";
            jobContext.setExitStatus(ExitStatuses.fit(status));
            return status;
        }
        EvaluationStore.Accuracy a = store.accuracy(jobContext.getInstanceId());
        String status = String.format(Locale.ROOT, "COMPLETED run=%d benchmark=%s model=%s accuracy=%.1f (%d/%d)",
                jobContext.getInstanceId(), p.benchmark(), p.model(), a.percent(), a.correct(), a.items());
        jobContext.setExitStatus(ExitStatuses.fit(status));
        return status;
    }
}
