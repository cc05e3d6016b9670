package dev.lightreasoner.batch;

import dev.lightreasoner.engine.text.ChatPrompts;
import jakarta.batch.runtime.context.JobContext;
import java.util.logging.Logger;

/** Says in the execution's log which chat template renders a job's prompts, as a warning when it is the fallback. */
public final class PromptLog {
    private PromptLog() {
    }

    public static void say(Logger log, JobContext job, ChatPrompts prompts) {
        String line = job.getJobName() + " execution " + job.getExecutionId() + ": " + prompts.description();
        if (prompts.template().fromModel()) {
            log.info(line);
        } else {
            log.warning(line);
        }
    }
}
