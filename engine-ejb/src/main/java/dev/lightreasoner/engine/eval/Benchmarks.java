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
 * {@code answer} or the solution's \boxed{}), and "jsonl" with the question and answer fields named.
 */
public final class Benchmarks {
    public static final List<String> FORMATS = List.of("gsm8k", "svamp", "asdiv", "math500", "jsonl");
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
            case "jsonl" -> new Item(index, text(o, questionField, lineNumber),
                    MathAnswers.normalize(number(o, answerField, lineNumber)));
            default -> throw new IllegalArgumentException("unknown benchmark format " + format);
        };
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
