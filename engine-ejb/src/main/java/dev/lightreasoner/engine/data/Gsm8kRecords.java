package dev.lightreasoner.engine.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parses one JSONL line in the GSM8K layout: {@code {"question": ..., "answer": "... #### final"}}. */
public final class Gsm8kRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FINAL_MARK = "####";

    private Gsm8kRecords() {
    }

    /**
     * @param line       the raw line
     * @param lineNumber 1-based line number, used in error messages and as {@code index = lineNumber - 1}
     */
    public static QuestionRecord parse(String line, long lineNumber) throws BadRecordException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadRecordException(lineNumber, "malformed JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new BadRecordException(lineNumber, "expected a JSON object");
        }
        String question = text(node, "question", lineNumber);
        String answer = text(node, "answer", lineNumber);
        int mark = answer.lastIndexOf(FINAL_MARK);
        if (mark < 0) {
            throw new BadRecordException(lineNumber, "field 'answer' has no '#### <final answer>'");
        }
        String finalAnswer = answer.substring(mark + FINAL_MARK.length()).strip();
        if (finalAnswer.isEmpty()) {
            throw new BadRecordException(lineNumber, "field 'answer' has an empty final answer after '####'");
        }
        return new QuestionRecord(lineNumber - 1, question, answer, finalAnswer);
    }

    private static String text(JsonNode node, String field, long lineNumber) throws BadRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new BadRecordException(lineNumber, "missing field '" + field + "'");
        }
        if (!value.isTextual()) {
            throw new BadRecordException(lineNumber, "field '" + field + "' must be a string");
        }
        if (value.asText().isBlank()) {
            throw new BadRecordException(lineNumber, "field '" + field + "' is empty");
        }
        return value.asText();
    }
}
