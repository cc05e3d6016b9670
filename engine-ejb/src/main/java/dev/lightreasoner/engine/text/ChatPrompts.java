package dev.lightreasoner.engine.text;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.data.DataRoot;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The chat prompts of the method (docs/method.md §3.1 and §3.2), rendered with a model's chat template. Two system
 * prompts on purpose: sampling and evaluation differ (docs/method.md B9). With Qwen2.5's template, or the
 * built-in ChatML of {@link #CHATML}, the prompts are byte-identical to the reference's.
 */
public final class ChatPrompts {

    /** System prompt used for sampling and fine-tuning (docs/method.md C1). */
    public static final String SAMPLING_SYSTEM = "Please reason step by step.";

    /** System prompt of the {@code qwen25-math-cot} evaluation prompt (docs/method.md C24). */
    public static final String EVALUATION_SYSTEM =
            "Please reason step by step, and put your final answer within \\boxed{}.";

    /** The prompts of a model without a template, and of the lab pair. */
    public static final ChatPrompts CHATML = new ChatPrompts(ChatTemplate.CHATML);

    private final ChatTemplate template;

    public ChatPrompts(ChatTemplate template) {
        this.template = template;
    }

    public ChatTemplate template() {
        return template;
    }

    /**
     * A job's prompts: its {@code promptTemplate} file (under the data root; "" = none) rendered with the model's
     * special tokens, else the model's own chat template, else the built-in ChatML.
     */
    public static ChatPrompts forJob(Path modelFolder, String promptTemplate, DataRoot root) {
        return new ChatPrompts(promptTemplate.isEmpty() ? ChatTemplate.ofModel(modelFolder)
                : ChatTemplate.ofFile(root.existingFile("promptTemplate", promptTemplate), modelFolder));
    }

    /** Validates a job's {@code promptTemplate} parameter ("" = none): the file exists and renders the prompts. */
    public static String templateParameter(String value, Path modelFolder, DataRoot root) {
        if (!value.isEmpty()) {
            Path file = root.existingFile("promptTemplate", value);
            try {
                ChatTemplate.ofFile(file, modelFolder);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new InvalidParameterException("promptTemplate", e.getMessage());
            }
        }
        return value;
    }

    /** One line for the job's log: which template renders the prompts, and a warning when it is the fallback. */
    public String description() {
        return template.fromModel() ? "prompts rendered with the chat template of " + template.source()
                : "the model has no chat_template: prompts rendered with the built-in ChatML (Qwen's markers); "
                        + "set promptTemplate if the model expects another format";
    }

    /** The sampling prompt: the question is inserted verbatim (not stripped); the template's generation prompt ends it. */
    public String sampling(String question) {
        return chat(SAMPLING_SYSTEM, question);
    }

    /** The evaluation prompt: the toolkit strips the question first (docs/method.md §3.2). */
    public String evaluation(String question) {
        return chat(EVALUATION_SYSTEM, question.strip());
    }

    /** One system and one user turn with {@code add_generation_prompt=True}. */
    public String chat(String system, String user) {
        return template.render(List.of(new ChatTemplate.Message("system", system),
                new ChatTemplate.Message("user", user)), true);
    }
}
