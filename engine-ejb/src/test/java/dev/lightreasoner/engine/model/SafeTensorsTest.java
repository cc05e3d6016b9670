package dev.lightreasoner.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static final float[] VALUES = {1f, -2.5f, 3.140625f, 0f, 65504f, -0.0009765625f};

    @Test
    void f32RoundTripsExactly() throws IOException {
        assertArrayEquals(VALUES, roundTrip("F32", VALUES));
    }

    @Test
    void f16AndBf16RoundTripToTheirPrecision() throws IOException {
        // all of VALUES are exactly representable in f16
        assertArrayEquals(VALUES, roundTrip("F16", VALUES));
        float[] bf = roundTrip("BF16", new float[] {1f, -2.5f, 3.14159265f, 0.1f, 9.9999e9f});
        // bf16 keeps 8 significant bits, rounded to nearest even
        assertArrayEquals(new float[] {1f, -2.5f, 3.140625f, 0.10009765625f, 9.999220736e9f}, bf);
    }

    @Test
    void halfPrecisionCornerCases() {
        assertEquals(Float.POSITIVE_INFINITY, SafeTensors.halfToFloat((short) 0x7C00));
        assertTrue(Float.isNaN(SafeTensors.halfToFloat((short) 0x7E00)));
        assertEquals(0x1p-24f, SafeTensors.halfToFloat((short) 0x0001)); // smallest subnormal
        assertEquals(-0.0f, SafeTensors.halfToFloat((short) 0x8000));
        assertEquals((short) 0x3C00, SafeTensors.floatToHalf(1f));
        assertEquals((short) 0x0001, SafeTensors.floatToHalf(0x1p-24f));
    }

    @Test
    void shapesAndErrorsAreChecked() throws IOException {
        Path f = dir.resolve("t.safetensors");
        Map<String, SafeTensors.Tensor> t = new LinkedHashMap<>();
        t.put("w", new SafeTensors.Tensor(new float[6], new long[] {2, 3}, "F32"));
        SafeTensors.write(f, t);
        SafeTensors st = SafeTensors.open(f);
        assertArrayEquals(new long[] {2, 3}, st.entry("w").shape());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> st.float32("w", 3, 2));
        assertEquals("tensor 'w' has shape [2, 3], expected [3, 2]", shape.getMessage());
        assertEquals("missing tensor 'x'", assertThrows(IllegalArgumentException.class, () -> st.float32("x")).getMessage());

        Files.write(dir.resolve("short.safetensors"), new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> SafeTensors.open(dir.resolve("short.safetensors")));
        byte[] whole = Files.readAllBytes(f);
        Files.write(dir.resolve("cut.safetensors"), java.util.Arrays.copyOf(whole, whole.length - 4));
        IOException cut = assertThrows(IOException.class, () -> SafeTensors.open(dir.resolve("cut.safetensors")));
        assertTrue(cut.getMessage().contains("lies outside the file"), cut.getMessage());
        assertThrows(NoSuchFileException.class, () -> SafeTensors.openFolder(dir.resolve("empty")));
    }

    @Test
    void configErrorsNameTheProblem() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("m"));
        assertThrows(NoSuchFileException.class, () -> ModelConfig.load(folder));
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"gpt2\"}");
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> ModelConfig.load(folder));
        assertTrue(type.getMessage().endsWith("unsupported model_type 'gpt2' (supported: qwen2, llama, qwen3)"));
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"qwen2\", \"hidden_size\": 8}");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> ModelConfig.load(folder));
        assertTrue(missing.getMessage().endsWith("missing 'num_attention_heads'"), missing.getMessage());
    }

    @Test
    void readsBothTransformersConfigSpellings() throws IOException {
        ModelConfig v4 = ModelConfig.load(Path.of("src/test/resources/hf-parity/tiny-qwen2"));
        assertEquals(1e6, v4.ropeTheta());
        assertTrue(v4.attentionBias() && v4.tiedEmbeddings());
        assertArrayEquals(new int[] {256, 258}, v4.eosIds());
        ModelConfig v5 = ModelConfig.load(Path.of("src/test/resources/hf-transformers/qwen3-headdim-1kv"));
        assertEquals(1e6, v5.ropeTheta());
        assertEquals(24, v5.headDim());
        assertEquals(1, v5.kvHeads());
        assertTrue(v5.qkNorm());
    }

    private float[] roundTrip(String dtype, float[] values) throws IOException {
        Path f = dir.resolve(dtype + ".safetensors");
        SafeTensors.write(f, Map.of("x", new SafeTensors.Tensor(values, new long[] {values.length}, dtype)));
        SafeTensors st = SafeTensors.open(f);
        assertEquals(dtype, st.entry("x").dtype());
        return st.floats("x");
    }
}
