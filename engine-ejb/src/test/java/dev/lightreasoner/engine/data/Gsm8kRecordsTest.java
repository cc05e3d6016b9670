package dev.lightreasoner.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Gsm8kRecordsTest {

    @Test
    void parsesQuestionAnswerAndFinalAnswer() throws Exception {
        String line = "{\"question\": \"Natalia sold clips to 48 of her friends in April, and then she sold half as many "
                + "clips in May. How many clips did Natalia sell altogether in April and May?\", \"answer\": \"Natalia "
                + "sold 48/2 = <<48/2=24>>24 clips in May.\\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in "
                + "April and May.\\n#### 72\"}";
        QuestionRecord r = Gsm8kRecords.parse(line, 1);
        assertEquals(0, r.index());
        assertEquals("72", r.finalAnswer());
        assertEquals(true, r.question().startsWith("Natalia sold clips to 48"));
        assertEquals(true, r.answer().contains("<<48/2=24>>"));
    }

    @Test
    void takesTheTextAfterTheLastMarkTrimmed() throws Exception {
        QuestionRecord r = Gsm8kRecords.parse("{\"question\":\"q\",\"answer\":\"a #### b\\n####  -1,250.5 \"}", 7);
        assertEquals("-1,250.5", r.finalAnswer());
        assertEquals(6, r.index());
    }

    @Test
    void extraFieldsAreIgnored() throws Exception {
        QuestionRecord r = Gsm8kRecords.parse("{\"idx\": 3, \"question\":\"q\",\"answer\":\"#### 4\"}", 2);
        assertEquals("4", r.finalAnswer());
    }

    @Test
    void badRecordsNameTheLineAndTheProblem() {
        assertEquals(true, bad("{\"question\": \"q\"", 5).getMessage().startsWith("line 5: malformed JSON ("));
        assertEquals("line 2: missing field 'answer'", bad("{\"question\": \"q\"}", 2).getMessage());
        assertEquals("line 2: missing field 'question'", bad("{\"answer\": \"#### 1\"}", 2).getMessage());
        assertEquals("line 3: field 'question' must be a string", bad("{\"question\": 4, \"answer\": \"#### 1\"}", 3).getMessage());
        assertEquals("line 3: field 'question' is empty", bad("{\"question\": \" \", \"answer\": \"#### 1\"}", 3).getMessage());
        assertEquals("line 4: field 'answer' has no '#### <final answer>'", bad("{\"question\": \"q\", \"answer\": \"42\"}", 4).getMessage());
        assertEquals("line 4: field 'answer' has an empty final answer after '####'", bad("{\"question\": \"q\", \"answer\": \"42 #### \"}", 4).getMessage());
        assertEquals("line 9: expected a JSON object", bad("[1, 2]", 9).getMessage());
        assertEquals(9, bad("[1, 2]", 9).lineNumber());
        assertEquals("expected a JSON object", bad("[1, 2]", 9).reason());
    }

    private static BadRecordException bad(String line, long number) {
        return assertThrows(BadRecordException.class, () -> Gsm8kRecords.parse(line, number));
    }
}
