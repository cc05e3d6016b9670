package dev.lightreasoner.batch;

import dev.lightreasoner.engine.model.Decoding;
import dev.lightreasoner.engine.model.GenerationConfig;
import dev.lightreasoner.engine.text.ChatPrompts;
import jakarta.batch.runtime.context.JobContext;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * Says in the execution's log how a model is prompted and decoded: which chat template renders the prompts (a
 * warning when it is the built-in fallback) and what its generation_config asks for that the job does not do.
 */
public final class ModelNotes {
    private ModelNotes() {
    }

    public static void say(Logger log, JobContext job, Path modelFolder, ChatPrompts prompts, Decoding decoding) {
        String execution = job.getJobName() + " execution " + job.getExecutionId() + ", model " + modelFolder.getFileName();
        if (prompts.template().fromModel()) {
            log.info(execution + ": " + prompts.description());
        } else {
            log.warning(execution + ": " + prompts.description());
        }
        List<String> ignored = GenerationConfig.load(modelFolder).unhonoured(decoding);
        if (!ignored.isEmpty()) {
            log.warning(execution + ": its generation_config.json asks for " + String.join("; ", ignored));
        }
    }
}
