package dev.lightreasoner.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatTemplateTest {
    private static final Path QWEN = Path.of("src/test/resources/tokenizers/qwen2.5");
    private static final List<String> QUESTIONS = List.of(
            "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. "
                    + "How many clips did Natalia sell altogether in April and May?",
            "  What is 2+2? \n",
            "Grüße, 5 € × 3 = ? {{ not a tag }} {% neither %}",
            "A line\nand another\n\n");

    /** The real Qwen2.5 template, rendered by the Jinja engine, gives exactly today's (reference) prompts. */
    @Test
    void qwenTemplateRendersTheMethodsPromptsByteForByte() {
        ChatTemplate qwen = ChatTemplate.ofModel(QWEN);
        assertTrue(qwen.fromModel());
        assertEquals("tokenizer_config.json of the model", qwen.source());
        ChatPrompts fromModel = new ChatPrompts(qwen);
        for (String q : QUESTIONS) {
            assertEquals("<|im_start|>system\nPlease reason step by step.<|im_end|>\n<|im_start|>user\n" + q
                    + "<|im_end|>\n<|im_start|>assistant\n", fromModel.sampling(q));
            assertEquals(ChatPrompts.CHATML.sampling(q), fromModel.sampling(q));
            assertEquals(ChatPrompts.CHATML.evaluation(q), fromModel.evaluation(q));
        }
    }

    @Test
    void withoutGenerationPromptTheAssistantTurnIsNotOpened() {
        String out = ChatTemplate.ofModel(QWEN).render(List.of(new ChatTemplate.Message("user", "hi")), false);
        assertEquals("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant."
                + "<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n", out);
    }

    @Test
    void aModelWithoutTemplateFallsBackToChatMl(@TempDir Path model) {
        ChatTemplate t = ChatTemplate.ofModel(model);
        assertSame(ChatTemplate.CHATML, t);
        assertFalse(t.fromModel());
        assertEquals("<|im_start|>system\ns<|im_end|>\n<|im_start|>user\nu<|im_end|>\n<|im_start|>assistant\n",
                new ChatPrompts(t).chat("s", "u"));
    }

    /** A DeepSeek-R1-Distill-style template: bos_token object, namespace-free, user/assistant markers. */
    @Test
    void aTemplateFileOfTheModelWinsAndUsesItsSpecialTokens(@TempDir Path model) throws IOException {
        Files.writeString(model.resolve("tokenizer_config.json"), """
                {"bos_token": {"content": "<｜begin▁of▁sentence｜>", "lstrip": false},
                 "eos_token": "<｜end▁of▁sentence｜>", "chat_template": "ignored: the .jinja file wins"}""");
        Files.writeString(model.resolve("chat_template.jinja"), """
                {% if not add_generation_prompt is defined %}{% set add_generation_prompt = false %}{% endif %}
                {% set ns = namespace(system_prompt='') %}
                {%- for message in messages %}
                    {%- if message['role'] == 'system' %}{% set ns.system_prompt = message['content'] %}{%- endif %}
                {%- endfor %}
                {{ bos_token }}{{ ns.system_prompt }}
                {%- for message in messages %}
                    {%- if message['role'] == 'user' %}{{ '<｜User｜>' + message['content'] }}{%- endif %}
                {%- endfor %}
                {% if add_generation_prompt %}{{ '<｜Assistant｜><think>\\n' }}{% endif %}""");
        ChatPrompts prompts = new ChatPrompts(ChatTemplate.ofModel(model));
        assertEquals("chat_template.jinja of the model", prompts.template().source());
        assertEquals("<｜begin▁of▁sentence｜>Please reason step by step.<｜User｜>What is 2+2?<｜Assistant｜><think>\n",
                prompts.sampling("What is 2+2?"));
    }

    /** Jinja refuses an unknown filter; the engine would render it as nothing, so the template is refused at load. */
    @Test
    void anUnknownFilterIsRefusedNotRenderedAsNothing(@TempDir Path model) throws IOException {
        Files.writeString(model.resolve("tokenizer_config.json"),
                "{\"chat_template\": \"{{ '<|a|b|>' }}{{ messages[0].content | trim | shout }}\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChatTemplate.ofModel(model));
        assertTrue(e.getMessage().contains("'shout'"), e.getMessage());
    }

    @Test
    void aTemplateThatRaisesIsAClearError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("strict.jinja");
        Files.writeString(file, "{% if messages[0]['role'] == 'system' %}"
                + "{{ raise_exception('System role not supported') }}{% endif %}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChatTemplate.ofFile(file, dir));
        assertTrue(e.getMessage().contains("System role not supported"), e.getMessage());
    }
}
