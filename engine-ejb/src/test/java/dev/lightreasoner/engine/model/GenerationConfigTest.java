package dev.lightreasoner.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationConfigTest {

    /** DeepSeek-R1-Distill's generation_config (do_sample, 0.6 / 0.95) against the jobs' decodings. */
    @Test
    void aSamplingModelDecodedGreedilyOrOtherwiseIsReported(@TempDir Path model) throws IOException {
        Files.writeString(model.resolve("generation_config.json"), "{\"bos_token_id\": 151646, \"eos_token_id\": 151643,"
                + " \"do_sample\": true, \"temperature\": 0.6, \"top_p\": 0.95}");
        GenerationConfig g = GenerationConfig.load(model);
        assertEquals(List.of("do_sample with temperature 0.6, top_p 0.95 (decoding greedily instead)"),
                g.unhonoured(Decoding.GREEDY));
        assertEquals(List.of(), g.unhonoured(new Decoding(0.6, 0.95, 7)));
        assertEquals(List.of("temperature 0.6, top_p 0.95 (sampling at 1.0, 1.0 instead)"),
                g.unhonoured(new Decoding(1.0, 1.0, 7)));
    }

    @Test
    void settingsNoJobAppliesAreNamedNeutralOnesAreNot(@TempDir Path model) throws IOException {
        Files.writeString(model.resolve("generation_config.json"), "{\"eos_token_id\": [151645, 151643],"
                + " \"repetition_penalty\": 1.05, \"num_beams\": 1, \"suppress_tokens\": [], \"bad_words_ids\": [[5]],"
                + " \"top_k\": 20, \"temperature\": 0.7}");
        assertEquals(List.of("repetition_penalty 1.05 (not applied)", "bad_words_ids (not applied)"),
                GenerationConfig.load(model).unhonoured(Decoding.GREEDY));
    }

    @Test
    void noFileNothingToReport(@TempDir Path model) {
        assertEquals(List.of(), GenerationConfig.load(model).unhonoured(Decoding.GREEDY));
    }
}
