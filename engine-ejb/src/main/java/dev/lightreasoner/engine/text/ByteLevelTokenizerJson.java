package dev.lightreasoner.engine.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a minimal byte-level BPE {@code tokenizer.json}: ids 0..255 are the 256 bytes (GPT-2 byte-to-unicode
 * alphabet, no merges), followed by Qwen's special tokens, so the real chat templates apply unchanged.
 */
public final class ByteLevelTokenizerJson {
    public static final String[] SPECIAL_TOKENS = {"<|endoftext|>", "<|im_start|>", "<|im_end|>"};
    public static final int ENDOFTEXT = 256;
    public static final int IM_START = 257;
    public static final int IM_END = 258;
    /** Ids in use: the 256 bytes plus the special tokens. */
    public static final int SIZE = 256 + SPECIAL_TOKENS.length;

    private ByteLevelTokenizerJson() {
    }

    /**
     * The {@code tokenizer_config.json} beside it: its special tokens and ChatML as chat template — the format
     * the lab models are pretrained on, so their prompts come from their own template like any model's.
     */
    public static void writeConfig(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("tokenizer_class", "PreTrainedTokenizerFast");
        root.putNull("bos_token");
        root.put("eos_token", SPECIAL_TOKENS[0]);
        root.put("pad_token", SPECIAL_TOKENS[0]);
        root.put("chat_template", ChatTemplate.CHATML_SOURCE);
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    public static void write(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int i = 0; i < SPECIAL_TOKENS.length; i++) {
            added.addObject().put("id", 256 + i).put("content", SPECIAL_TOKENS[i]).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(json));
        root.putNull("post_processor");
        root.set("decoder", byteLevel(json));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        String[] alphabet = byteAlphabet();
        for (int b = 0; b < 256; b++) {
            vocab.put(alphabet[b], b);
        }
        model.putArray("merges");
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    private static ObjectNode byteLevel(ObjectMapper json) {
        return json.createObjectNode().put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", false).put("use_regex", false);
    }

    /** GPT-2's reversible byte-to-unicode map: printable bytes stay, the others move to U+0100 onwards. */
    static String[] byteAlphabet() {
        String[] out = new String[256];
        int next = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            out[b] = String.valueOf((char) (printable ? b : 256 + next++));
        }
        return out;
    }
}
