package dev.lightreasoner.engine.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model's chat template (Jinja, as Hugging Face's {@code apply_chat_template} renders it: trim_blocks and
 * lstrip_blocks, {@code bos_token}/{@code eos_token}, {@code raise_exception}, {@code strftime_now}), or the
 * built-in ChatML when a model has none. Where it came from is kept in {@link #source()} so jobs can say it.
 */
public final class ChatTemplate {

    /** One turn of a conversation. */
    public record Message(String role, String content) {
    }

    /** {@code not x is defined}: Jinja reads {@code not (x is defined)}, Jinjava {@code (not x) is defined}. */
    private static final Pattern NOT_IS_TEST =
            Pattern.compile("\\bnot\\s+([A-Za-z_][\\w.]*(?:\\[[^\\]]*\\])*)\\s+is\\s+(not\\s+)?(\\w+)");

    /** ChatML as the Qwen2.5 template renders a conversation that starts with a system turn. */
    static final String CHATML_SOURCE = """
            {%- for message in messages %}
            {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}
            {%- endfor %}
            {%- if add_generation_prompt %}
            {{- '<|im_start|>assistant\\n' }}
            {%- endif %}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Jinjava JINJA = newEngine();
    private static final Pattern TAG = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}", Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern FILTER = Pattern.compile("\\|\\s*([A-Za-z_]\\w*)");

    /** The fallback for models without a template; the method's own prompts were written for it. */
    public static final ChatTemplate CHATML = new ChatTemplate(CHATML_SOURCE, "", "",
            "built-in ChatML", false);

    private final String template;
    private final String bosToken;
    private final String eosToken;
    private final String source;
    private final boolean fromModel;

    private ChatTemplate(String template, String bosToken, String eosToken, String source, boolean fromModel) {
        requireKnownFilters(template, source);
        this.template = NOT_IS_TEST.matcher(template).replaceAll("not ($1 is $2$3)");
        this.bosToken = bosToken;
        this.eosToken = eosToken;
        this.source = source;
        this.fromModel = fromModel;
    }

    /**
     * The template of a model folder: {@code chat_template.jinja} (newer transformers save it apart), else the
     * {@code chat_template} of {@code tokenizer_config.json} (a string, or a list of named templates whose
     * "default" is taken), else {@link #CHATML}.
     */
    public static ChatTemplate ofModel(Path folder) {
        JsonNode config = tokenizerConfig(folder);
        String bos = tokenText(config.path("bos_token"));
        String eos = tokenText(config.path("eos_token"));
        Path jinjaFile = folder.resolve("chat_template.jinja");
        if (Files.isRegularFile(jinjaFile)) {
            return new ChatTemplate(read(jinjaFile), bos, eos, jinjaFile.getFileName() + " of the model", true);
        }
        JsonNode t = config.path("chat_template");
        if (t.isTextual()) {
            return new ChatTemplate(t.asText(), bos, eos, "tokenizer_config.json of the model", true);
        }
        for (JsonNode named : t) {
            if ("default".equals(named.path("name").asText())) {
                return new ChatTemplate(named.path("template").asText(), bos, eos,
                        "tokenizer_config.json of the model (template \"default\")", true);
            }
        }
        return CHATML;
    }

    /** A template from a file (a job's {@code promptTemplate}), with the model's special tokens. */
    public static ChatTemplate ofFile(Path file, Path modelFolder) {
        JsonNode config = tokenizerConfig(modelFolder);
        ChatTemplate t = new ChatTemplate(read(file), tokenText(config.path("bos_token")),
                tokenText(config.path("eos_token")), "promptTemplate " + file.getFileName(), true);
        t.render(List.of(new Message("system", "s"), new Message("user", "u")), true);   // fails now, not mid-job
        return t;
    }

    /** Where the template came from, for logs and exit statuses. */
    public String source() {
        return source;
    }

    /** False when the model had no template and the built-in ChatML stands in. */
    public boolean fromModel() {
        return fromModel;
    }

    /** Renders a conversation as {@code apply_chat_template(messages, tokenize=False, add_generation_prompt)}. */
    public String render(List<Message> messages, boolean addGenerationPrompt) {
        List<Map<String, Object>> turns = new ArrayList<>(messages.size());
        for (Message m : messages) {
            Map<String, Object> turn = new LinkedHashMap<>();
            turn.put("role", m.role());
            turn.put("content", m.content());
            turns.add(turn);
        }
        Map<String, Object> context = new HashMap<>();
        context.put("messages", turns);
        context.put("add_generation_prompt", addGenerationPrompt);
        context.put("bos_token", bosToken);
        context.put("eos_token", eosToken);
        RenderResult result = JINJA.renderForResult(template, context);
        for (TemplateError e : result.getErrors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new IllegalArgumentException("chat template (" + source + ") cannot be rendered: "
                        + rootMessage(e) + (e.getLineno() > 0 ? " (line " + e.getLineno() + ")" : ""));
            }
        }
        return result.getOutput();
    }

    /** Jinja refuses a template with an unknown filter; Jinjava would render it as nothing, silently. */
    private static void requireKnownFilters(String template, String source) {
        Matcher tag = TAG.matcher(template);
        while (tag.find()) {
            Matcher filter = FILTER.matcher(QUOTED.matcher(tag.group()).replaceAll("''"));
            while (filter.find()) {
                if (JINJA.getGlobalContext().getFilter(filter.group(1)) == null) {
                    throw new IllegalArgumentException("chat template (" + source + ") uses the filter '"
                            + filter.group(1) + "', which this Jinja engine does not have");
                }
            }
        }
    }

    /** The innermost cause's message: a template's raise_exception arrives wrapped by the engine. */
    private static String rootMessage(TemplateError e) {
        Throwable t = e.getException();
        if (t == null) {
            return e.getMessage();
        }
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static Jinjava newEngine() {
        Jinjava jinja = new Jinjava(JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withFailOnUnknownTokens(false)
                .withNestedInterpretationEnabled(false)         // a question holding "{{ }}" is text, never a template
                .withLegacyOverrides(LegacyOverrides.newBuilder()      // Python Jinja's behaviour where it differs
                        .withUseTrimmingForNotesAndExpressions(true)      // {{- ... -}}
                        .withParseWhitespaceControlStrictly(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withHandleBackslashInQuotesOnly(true)
                        .withDefaultKeepTrailingNewlineBehavior(true)
                        .withKeepNullableLoopValues(true)
                        .withEvaluateMapKeys(true)
                        .build())
                .build());
        jinja.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                ChatTemplate.class, "raiseException", String.class));
        jinja.getGlobalContext().registerFunction(new ELFunctionDefinition("", "strftime_now",
                ChatTemplate.class, "strftimeNow", String.class));
        return jinja;
    }

    /** The template's own refusal (e.g. "Conversation roles must alternate"), as Hugging Face raises it. */
    public static String raiseException(String message) {
        throw new IllegalArgumentException("the chat template refuses the conversation: " + message);
    }

    /** Today's date in the strftime formats chat templates use (%d %b %Y, %Y-%m-%d, %B). */
    public static String strftimeNow(String format) {
        String pattern = format.replace("%d", "dd").replace("%b", "MMM").replace("%B", "MMMM")
                .replace("%Y", "yyyy").replace("%m", "MM");
        return LocalDate.now().format(DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
    }

    private static JsonNode tokenizerConfig(Path folder) {
        Path file = folder.resolve("tokenizer_config.json");
        if (!Files.isRegularFile(file)) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A special token as tokenizer_config.json spells it: a string, or {"content": ...}; absent = "". */
    private static String tokenText(JsonNode token) {
        return token.isTextual() ? token.asText() : token.path("content").asText("");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chat template " + file + ": " + e.getMessage(), e);
        }
    }
}
