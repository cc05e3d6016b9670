package dev.lightreasoner.engine.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A model folder's {@code tokenizer.json} through DJL's Hugging Face tokenizers, with the settings this
 * product needs: no truncation (DJL's default silently cuts at 512), no padding, no special tokens added
 * (the chat template already holds them; Qwen adds no BOS). Special tokens inside text are recognised.
 */
public final class TextTokenizer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> OPTIONS = Map.of(
            "addSpecialTokens", "false", "truncation", "false", "padding", "false");

    private final HuggingFaceTokenizer tokenizer;
    private final Map<String, Integer> addedTokens;   // content -> id, from tokenizer.json
    private final Map<String, Integer> vocabulary;    // model vocabulary, sorted for comparisons
    private final int mergeCount;
    private final Path file;

    private TextTokenizer(Path file, HuggingFaceTokenizer tokenizer, JsonNode json) {
        this.file = file;
        this.tokenizer = tokenizer;
        this.addedTokens = new LinkedHashMap<>();
        json.path("added_tokens").forEach(t -> addedTokens.put(t.path("content").asText(), t.path("id").asInt()));
        this.vocabulary = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.path("model").path("vocab").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocabulary.put(e.getKey(), e.getValue().asInt());
        }
        this.mergeCount = json.path("model").path("merges").size();
    }

    /** Loads {@code tokenizer.json} from a model folder (or the file itself). */
    public static TextTokenizer load(Path folderOrFile) {
        Path file = Files.isDirectory(folderOrFile) ? folderOrFile.resolve("tokenizer.json") : folderOrFile;
        try {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "no tokenizer.json");
            }
            JsonNode json = JSON.readTree(file.toFile());
            return new TextTokenizer(file, HuggingFaceTokenizer.newInstance(file, OPTIONS), json);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot load tokenizer " + file + ": " + e.getMessage(), e);
        }
    }

    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    /** Decodes with special tokens kept as text (as the reference's {@code tokenizer.decode}). */
    public String decode(int[] ids) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longs[i] = ids[i];
        }
        return tokenizer.decode(longs, false);
    }

    /** The id of an added (special) token such as {@code <|im_end|>}, or -1 if the tokenizer has none. */
    public int specialTokenId(String content) {
        return addedTokens.getOrDefault(content, -1);
    }

    public int requireSpecialTokenId(String content) {
        int id = specialTokenId(content);
        if (id < 0) {
            throw new IllegalArgumentException(file + " has no special token " + content);
        }
        return id;
    }

    /** Ordinary (non-added) tokens: Hugging Face's {@code tokenizer.vocab_size}, 151,643 for Qwen2.5. */
    public int ordinaryTokens() {
        return vocabulary.size();
    }

    /** Vocabulary size including added tokens (the highest id + 1). */
    public int size() {
        int max = -1;
        for (int id : vocabulary.values()) {
            max = Math.max(max, id);
        }
        for (int id : addedTokens.values()) {
            max = Math.max(max, id);
        }
        return max + 1;
    }

    /**
     * Why two tokenizers would map text to different ids, or null when they agree (same vocabulary, merges
     * and added tokens). Expert and amateur must agree: samples carry token ids, not text.
     */
    public String differenceFrom(TextTokenizer other) {
        if (!vocabulary.equals(other.vocabulary)) {
            for (Map.Entry<String, Integer> e : vocabulary.entrySet()) {
                if (!Objects.equals(other.vocabulary.get(e.getKey()), e.getValue())) {
                    return "vocabularies differ (" + vocabulary.size() + " vs " + other.vocabulary.size()
                            + " entries; token " + JSON.valueToTree(e.getKey()) + " is " + e.getValue() + " vs "
                            + other.vocabulary.get(e.getKey()) + ")";
                }
            }
            return "vocabularies differ (" + vocabulary.size() + " vs " + other.vocabulary.size() + " entries)";
        }
        if (mergeCount != other.mergeCount) {
            return "merge lists differ (" + mergeCount + " vs " + other.mergeCount + " merges)";
        }
        if (!new TreeMap<>(addedTokens).equals(new TreeMap<>(other.addedTokens))) {
            return "special tokens differ (" + addedTokens + " vs " + other.addedTokens + ")";
        }
        return null;
    }

    /** Incremental decoding that never emits half a UTF-8 character (held back until complete). */
    public final class Stream {
        private final java.util.List<Integer> ids = new java.util.ArrayList<>();
        private int emitted;

        /** Adds one token id; returns the text that became complete (possibly empty). */
        public String push(int id) {
            ids.add(id);
            String text = decode(ids.stream().mapToInt(Integer::intValue).toArray());
            if (text.endsWith("\uFFFD")) {
                return "";
            }
            String fresh = text.substring(Math.min(emitted, text.length()));
            emitted = text.length();
            return fresh;
        }
    }

    public Stream stream() {
        return new Stream();
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /**
     * The tokens of {@code continuation} as they come out of tokenizing {@code prompt + continuation} as ONE string
     * (as the reference's fine-tuning code tokenizes prompt and prefix): what follows the prompt's own tokens.
     * Null when the two merge across the boundary (e.g. a continuation that starts with a newline after a prompt
     * ending in one), so that no split at the prompt's tokens exists.
     */
    public static int[] continuation(TextTokenizer tokenizer, String prompt, int[] promptIds, String continuation) {
        int[] joint = tokenizer.encode(prompt + continuation);
        if (joint.length < promptIds.length || !java.util.Arrays.equals(joint, 0, promptIds.length, promptIds, 0,
                promptIds.length)) {
            return null;
        }
        return java.util.Arrays.copyOfRange(joint, promptIds.length, joint.length);
    }
}
