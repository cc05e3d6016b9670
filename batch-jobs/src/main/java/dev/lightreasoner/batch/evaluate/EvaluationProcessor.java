package dev.lightreasoner.batch.evaluate;

import dev.lightreasoner.engine.eval.Benchmarks;
import dev.lightreasoner.engine.eval.Evaluator;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;

/** Generates and grades a batch of benchmark items. */
@Named
@Dependent
public class EvaluationProcessor implements ItemProcessor {
    @Inject
    StepContext stepContext;

    @Override
    @SuppressWarnings("unchecked")
    public Object processItem(Object item) {
        Evaluator evaluator = (Evaluator) stepContext.getTransientUserData();
        return new ArrayList<>(evaluator.evaluate((List<Benchmarks.Item>) item));
    }
}
