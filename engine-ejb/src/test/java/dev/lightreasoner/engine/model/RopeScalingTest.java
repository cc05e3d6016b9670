package dev.lightreasoner.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rope scaling: the parity fixtures can tell scaled from unscaled, the bands of llama3, refusals by name. */
class RopeScalingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Ignoring the scaling would move the fixtures' logits far beyond HfParityTest's 1e-4: the parity test decides. */
    @ParameterizedTest
    @ValueSource(strings = {"llama3-rope-scaling", "llama-linear-rope"})
    void theFixturesDiscriminate(String name) throws IOException {
        JsonNode expected = JSON.readTree(Path.of("src/test/resources/hf-numpy", name, "expected.json").toFile());
        assertTrue(expected.get("unscaled_max_diff").asDouble() > 0.1, expected.get("unscaled_max_diff").toString());
        ModelConfig cfg = ModelConfig.load(Path.of("src/test/resources/hf-numpy", name));
        assertEquals(name.startsWith("llama3") ? "llama3" : "linear", cfg.ropeScaling().type());
    }

    /** Llama 3.1's published values (factor 8, low 1, high 4, original context 8192). */
    @Test
    void llama3KeepsShortWavelengthsDividesLongOnesAndInterpolatesBetween() throws IOException {
        RopeScaling s = RopeScaling.of(JSON.readTree("{\"rope_scaling\": {\"rope_type\": \"llama3\", \"factor\": 8.0,"
                + "\"low_freq_factor\": 1.0, \"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 8192}}"), "c");
        double shortWave = 2 * Math.PI / 1000;                          // wavelength 1000 < 8192 / 4
        assertEquals(shortWave, s.apply(shortWave), 0);
        double longWave = 2 * Math.PI / 10000;                          // wavelength 10000 > 8192
        assertEquals(longWave / 8, s.apply(longWave), 1e-18);
        double middle = 2 * Math.PI / 4096;                             // smooth = (8192 / 4096 - 1) / 3 = 1/3
        assertEquals((2.0 / 3) * middle / 8 + (1.0 / 3) * middle, s.apply(middle), 1e-15);
    }

    @Test
    void unknownTypesAndMissingFieldsAreRefusedByName() throws IOException {
        IllegalArgumentException yarn = assertThrows(IllegalArgumentException.class, () -> RopeScaling.of(
                JSON.readTree("{\"rope_scaling\": {\"type\": \"yarn\", \"factor\": 4.0}}"), "config.json"));
        assertTrue(yarn.getMessage().contains("'yarn'") && yarn.getMessage().contains("linear, llama3"), yarn.getMessage());
        IllegalArgumentException noFactor = assertThrows(IllegalArgumentException.class, () -> RopeScaling.of(
                JSON.readTree("{\"rope_parameters\": {\"rope_type\": \"linear\", \"rope_theta\": 10000}}"), "config.json"));
        assertTrue(noFactor.getMessage().contains("'factor'"), noFactor.getMessage());
        assertEquals(RopeScaling.NONE, RopeScaling.of(JSON.readTree("{\"rope_scaling\": null}"), "c"));
    }
}
