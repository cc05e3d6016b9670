package dev.lightreasoner.engine.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightreasoner.engine.data.BadRecordException;
import java.util.List;

/**
 * Benchmark record layouts (as under shared/datasets and the toolkit's parse_question / parse_ground_truth):
 * gsm8k ({@code question}, {@code answer} after ####), svamp ({@code Body} + {@code Question}, {@code Answer}),
 * asdiv ({@code body} + {@code question}, {@code answer} without units), math500 ({@code problem},
 * {@code answer} or the solution's \boxed{}), the toolkit's full {@code math} and {@code minerva_math}
 * ({@code problem}, gold = the solution's last \boxed{}), {@code olympiadbench} ({@code question}, gold =
 * {@code final_answer[0]} without $), {@code mmlu_stem} ({@code question} + "Answer Choices: (A) … (D) …", gold =
 * the letter of {@code answer}), and "jsonl" with the question and answer fields named.
 */
public final class Benchmarks {
    public static final List<String> FORMATS = List.of("gsm8k", "svamp", "asdiv", "math500", "math", "minerva_math",
            "olympiadbench", "mmlu_stem", "jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Benchmarks() {
    }

    /** A benchmark question and its normalised gold answer. */
    public record Item(long index, String question, String gold) {
    }

    public static Item parse(String format, String questionField, String answerField, String line, long lineNumber)
            throws BadRecordException {
        JsonNode o;
        try {
            o = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadRecordException(lineNumber, "not valid JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) {
            throw new BadRecordException(lineNumber, "not a JSON object");
        }
        long index = lineNumber - 1;
        return switch (format) {
            case "gsm8k" -> new Item(index, text(o, "question", lineNumber), MathAnswers.gsm8kGold(text(o, "answer", lineNumber)));
            case "svamp" -> new Item(index, sentence(text(o, "Body", lineNumber)) + " " + text(o, "Question", lineNumber).strip(),
                    MathAnswers.normalize(number(o, "Answer", lineNumber)));
            case "asdiv" -> new Item(index, sentence(text(o, "body", lineNumber)) + " " + text(o, "question", lineNumber).strip(),
                    MathAnswers.asdivGold(text(o, "answer", lineNumber)));
            case "math500" -> new Item(index, text(o, "problem", lineNumber), o.hasNonNull("answer")
                    ? MathAnswers.normalize(o.get("answer").asText()) : MathAnswers.mathGold(text(o, "solution", lineNumber)));
            case "math", "minerva_math" -> new Item(index, text(o, "problem", lineNumber),
                    MathAnswers.mathGold(text(o, "solution", lineNumber)));
            case "olympiadbench" -> new Item(index, text(o, "question", lineNumber), MathAnswers.normalize(
                    firstOf(o, "final_answer", lineNumber).replaceAll("^\\$+|\\$+$", "")));
            case "mmlu_stem" -> mmluStem(o, index, lineNumber);
            case "jsonl" -> new Item(index, text(o, questionField, lineNumber),
                    MathAnswers.normalize(number(o, answerField, lineNumber)));
            default -> throw new IllegalArgumentException("unknown benchmark format " + format);
        };
    }

    /** The question with its four choices labelled (A)–(D) on one line; the gold is the letter of {@code answer}. */
    private static Item mmluStem(JsonNode o, long index, long line) throws BadRecordException {
        JsonNode choices = o.get("choices");
        if (choices == null || !choices.isArray() || choices.size() != 4) {
            throw new BadRecordException(line, "field 'choices' must be an array of 4 options");
        }
        JsonNode answer = o.get("answer");
        if (answer == null || !answer.canConvertToInt() || answer.asInt() < 0 || answer.asInt() > 3) {
            throw new BadRecordException(line, "field 'answer' must be the index 0–3 of the right choice");
        }
        StringBuilder q = new StringBuilder(text(o, "question", line).strip()).append("\nAnswer Choices:");
        for (int i = 0; i < 4; i++) {
            q.append(" (").append((char) ('A' + i)).append(") ").append(choices.get(i).asText().strip());
        }
        return new Item(index, q.toString(), String.valueOf((char) ('A' + answer.asInt())));
    }

    private static String firstOf(JsonNode o, String field, long line) throws BadRecordException {
        JsonNode v = o.get(field);
        if (v != null && v.isArray() && !v.isEmpty() && v.get(0).isTextual()) {
            return v.get(0).asText().strip();
        }
        if (v != null && v.isTextual() && !v.asText().isBlank()) {
            return v.asText().strip();
        }
        throw new BadRecordException(line, "missing field '" + field + "' (a list whose first element is the answer)");
    }

    /** The toolkit adds a period to a body that lacks one before appending the question. */
    private static String sentence(String body) {
        String b = body.strip();
        return b.endsWith(".") ? b : b + ".";
    }

    private static String text(JsonNode o, String field, long line) throws BadRecordException {
        if (!o.hasNonNull(field) || !o.get(field).isTextual() || o.get(field).asText().isBlank()) {
            throw new BadRecordException(line, "missing text field '" + field + "'");
        }
        return o.get(field).asText();
    }

    /** A field that may be a JSON number (svamp's 145.0) or text. */
    private static String number(JsonNode o, String field, long line) throws BadRecordException {
        if (!o.hasNonNull(field)) {
            throw new BadRecordException(line, "missing field '" + field + "'");
        }
        JsonNode v = o.get(field);
        return v.isNumber() ? v.decimalValue().stripTrailingZeros().toPlainString() : v.asText();
    }
}
