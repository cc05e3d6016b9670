package dev.lightreasoner.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextTokenizerTest {
    @TempDir
    Path dir;

    private TextTokenizer written() throws IOException {
        ByteLevelTokenizerJson.write(dir.resolve("tokenizer.json"));
        return TextTokenizer.load(dir);
    }

    @Test
    void encodesBytesAndSpecialTokensAndRoundTrips() throws IOException {
        try (TextTokenizer tok = written()) {
            String prompt = ChatPrompts.CHATML.sampling("What is 2+2?");
            int[] ids = tok.encode(prompt);
            assertEquals(ByteLevelTokenizerJson.IM_START, ids[0]);
            assertEquals(prompt, tok.decode(ids));
            assertEquals(ByteLevelTokenizerJson.IM_END, tok.requireSpecialTokenId("<|im_end|>"));
            assertEquals(-1, tok.specialTokenId("<|fim_prefix|>"));
            assertEquals(ByteLevelTokenizerJson.SIZE, tok.size());
            String text = "Grüße 🤖 12";
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            int[] expected = new int[utf8.length];
            for (int i = 0; i < utf8.length; i++) {
                expected[i] = utf8[i] & 0xFF;                 // byte-level: id = byte
            }
            assertArrayEquals(expected, tok.encode(text));
        }
    }

    /** DJL truncates to 512 tokens by default; ours never truncates. */
    @Test
    void longTextIsNotTruncated() throws IOException {
        try (TextTokenizer tok = written()) {
            assertEquals(3000, tok.encode("x".repeat(3000)).length);
        }
    }

    /** The shipped fixture tokenizer (from the reference generator) agrees with ours id for id. */
    @Test
    void agreesWithTheReferenceFixtureTokenizer() throws IOException {
        try (TextTokenizer ours = written();
             TextTokenizer fixture = TextTokenizer.load(Path.of("src/test/resources/hf-parity/tiny-qwen2"))) {
            assertNull(ours.differenceFrom(fixture));
            String text = "<|im_start|>user\nNatalia sold 48/2 = 24 clips.<|im_end|>\n";
            assertArrayEquals(fixture.encode(text), ours.encode(text));
        }
    }

    @Test
    void streamingDecodeHoldsBackIncompleteCharacters() throws IOException {
        try (TextTokenizer tok = written()) {
            int[] ids = tok.encode("a🤖b");
            TextTokenizer.Stream stream = tok.stream();
            StringBuilder seen = new StringBuilder();
            for (int id : ids) {
                String piece = stream.push(id);
                assertTrue(!piece.contains("\uFFFD"), "no replacement characters while streaming");
                seen.append(piece);
            }
            assertEquals("a🤖b", seen.toString());
        }
    }

    @Test
    void differentVocabulariesAreDescribed() throws IOException {
        try (TextTokenizer ours = written()) {
            Path other = dir.resolve("other");
            Files.createDirectories(other);
            String json = Files.readString(dir.resolve("tokenizer.json")).replace("\"<|im_end|>\"", "\"<|eot|>\"");
            Files.writeString(other.resolve("tokenizer.json"), json);
            try (TextTokenizer changed = TextTokenizer.load(other)) {
                assertTrue(ours.differenceFrom(changed).startsWith("special tokens differ"), ours.differenceFrom(changed));
            }
        }
    }

    @Test
    void missingFileIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextTokenizer.load(dir));
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
    }

    /**
     * With the real Qwen2.5 tokenizer: a prefix tokenized together with its prompt (as the reference's
     * fine-tuning code does) splits at the prompt's own tokens, except when it merges across the boundary.
     */
    @Test
    void continuationAfterARealQwenPrompt() throws IOException {
        try (TextTokenizer qwen = TextTokenizer.load(Path.of("src/test/resources/tokenizers/qwen2.5"))) {
            String prompt = ChatPrompts.CHATML.sampling("Ava has 5 apples. How many apples does Ava have?");
            int[] promptIds = qwen.encode(prompt);
            assertEquals(151644, promptIds[0], "<|im_start|>");
            int[] after = TextTokenizer.continuation(qwen, prompt, promptIds, "To find the total, 5 + 0 = 5.");
            assertArrayEquals(qwen.encode("To find the total, 5 + 0 = 5."), after);
            int[] spaced = TextTokenizer.continuation(qwen, prompt, promptIds, " 5 apples");
            assertEquals(" 5 apples", qwen.decode(spaced));
            // "\n" closing the prompt and a prefix starting with "\n" become one "\n\n" token: no split exists
            assertNull(TextTokenizer.continuation(qwen, prompt, promptIds, "\nStep 1"));
        }
    }
}
