package dev.lightreasoner.batch.evaluate;

import dev.lightreasoner.batch.shard.Sharding;
import dev.lightreasoner.engine.eval.Evaluator;
import dev.lightreasoner.store.EvaluationItem;
import dev.lightreasoner.store.EvaluationStore;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Stores graded items in the chunk's transaction, replacing any earlier copy (run = job instance, or for a shard the sharded evaluation's). */
@Named
@Dependent
public class EvaluationWriter extends AbstractItemWriter {
    @Inject
    JobContext jobContext;
    @EJB
    EvaluationStore store;

    @Override
    @SuppressWarnings("unchecked")
    public void writeItems(List<Object> items) {
        long run = Sharding.run(jobContext);
        for (Object batch : items) {
            for (Evaluator.Graded g : (List<Evaluator.Graded>) batch) {
                store.replace(new EvaluationItem(run, g.item().index(), g.item().question(),
                        g.output(), g.predicted(), g.item().gold(), g.correct(), g.generatedTokens()));
            }
        }
    }
}
