package dev.lightreasoner.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChatPromptsTest {

    /** Spec §3.1, byte for byte: system prompt, verbatim question, trailing newline after "assistant". */
    @Test
    void samplingPromptIsByteExact() {
        String q = "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. "
                + "How many clips did Natalia sell altogether in April and May?";
        String expected = "<|im_start|>system\nPlease reason step by step.<|im_end|>\n"
                + "<|im_start|>user\n" + q + "<|im_end|>\n<|im_start|>assistant\n";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8),
                ChatPrompts.CHATML.sampling(q).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void samplingPromptKeepsTheQuestionVerbatim() {
        String q = "  What is 2+2? \n";
        assertEquals("<|im_start|>system\nPlease reason step by step.<|im_end|>\n<|im_start|>user\n"
                + "  What is 2+2? \n<|im_end|>\n<|im_start|>assistant\n", ChatPrompts.CHATML.sampling(q));
    }

    /** Spec §3.2: the evaluation prompt has its own system message with a literal \boxed{} and strips the question. */
    @Test
    void evaluationPromptIsByteExact() {
        assertEquals("<|im_start|>system\nPlease reason step by step, and put your final answer within \\boxed{}."
                        + "<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n",
                ChatPrompts.CHATML.evaluation("  What is 2+2?\n"));
        assertEquals(-1, ChatPrompts.SAMPLING_SYSTEM.indexOf("boxed"));
    }

    @Test
    void nonAsciiQuestionsAreEncodedAsUtf8() {
        String prompt = ChatPrompts.CHATML.sampling("Grüße, 5 € × 3 = ?");
        assertEquals("Grüße, 5 € × 3 = ?", prompt.substring(prompt.indexOf("user\n") + 5, prompt.indexOf("<|im_end|>\n<|im_start|>assistant")));
    }
}
