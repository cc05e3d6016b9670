package dev.lightreasoner.engine.text;

/**
 * The chat prompts of the method, rendered exactly as the Qwen2.5 chat template renders them
 * (docs/method.md §3.1 and §3.2). Two system prompts on purpose: sampling and evaluation differ (docs/method.md B9).
 */
public final class ChatPrompts {

    /** System prompt used for sampling and fine-tuning (docs/method.md C1). */
    public static final String SAMPLING_SYSTEM = "Please reason step by step.";

    /** System prompt of the {@code qwen25-math-cot} evaluation prompt (docs/method.md C24). */
    public static final String EVALUATION_SYSTEM =
            "Please reason step by step, and put your final answer within \\boxed{}.";

    private ChatPrompts() {
    }

    /** The sampling prompt: the question is inserted verbatim (not stripped), ends with "assistant\n". */
    public static String sampling(String question) {
        return chat(SAMPLING_SYSTEM, question);
    }

    /** The evaluation prompt: the toolkit strips the question first (docs/method.md §3.2). */
    public static String evaluation(String question) {
        return chat(EVALUATION_SYSTEM, question.strip());
    }

    /** Qwen2.5 template with one system and one user turn and {@code add_generation_prompt=True}. */
    public static String chat(String system, String user) {
        return "<|im_start|>system\n" + system + "<|im_end|>\n"
                + "<|im_start|>user\n" + user + "<|im_end|>\n"
                + "<|im_start|>assistant\n";
    }
}
