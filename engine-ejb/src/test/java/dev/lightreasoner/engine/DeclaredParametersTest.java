package dev.lightreasoner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a start's parameters against the declaration in job-parameters.json. */
class DeclaredParametersTest {

    @Test
    void defaultsComeFromTheDeclarationInItsOrderAndCanonicalForm() {
        DeclaredParameters p = DeclaredParameters.read("merge", Map.of("adapter", "runs/a", "output", "models/m",
                "dtype", " bf16 "));
        assertEquals("BF16", p.choice("dtype"), "enum values are matched case-insensitively and spelt as declared");
        assertEquals(null, p.text("base"), "no value and no default");
        assertEquals(List.of("adapter", "output", "dtype"), List.copyOf(p.effective().keySet()));
        DeclaredParameters train = DeclaredParameters.read("train", Map.of("samples", " 7 ", "learningRate", "1e-4",
                "maxSteps", ""));
        assertEquals(7, train.integer("samples"));
        assertEquals("1.0E-4", train.effective().get("learningRate"));
        assertEquals(1000, train.integer("maxSteps"), "a blank number means the default");
        assertEquals("q_proj,v_proj", train.text("targets"));
        assertEquals("lightr", train.choice("objective"));
    }

    @Test
    void everyRefusalNamesItsParameter() {
        assertRefused("noSuch", "unknown parameter of job 'prepare'", "prepare", Map.of("noSuch", "1"));
        assertRefused("samples", "is required", "train", Map.of());
        assertRefused("output", "is required", "pretrain", Map.of("output", "  "));
        assertRefused("rank", "must be an integer", "train", Map.of("samples", "1", "rank", "eight"));
        assertRefused("rank", "must be between 1 and 1024", "train", Map.of("samples", "1", "rank", "2048"));
        assertRefused("dropout", "must be between 0 and 0.99", "train", Map.of("samples", "1", "dropout", "1"));
        assertRefused("learningRate", "must be a number", "train", Map.of("samples", "1", "learningRate", "fast"));
        assertRefused("beta", "must be between", "sample", Map.of("expert", "e", "amateur", "a", "beta", "NaN"));
        assertRefused("order", "must be one of [reference, trajectory]", "train", Map.of("samples", "1", "order", "x"));
        assertRefused("sft", "must be true or false", "lightreasoner", Map.of("expert", "e", "amateur", "a", "sft", "yes"));
    }

    @Test
    void aBlankTextIsAValueNotTheDefault() {
        assertEquals("", DeclaredParameters.read("prepare", Map.of("dataset", "")).text("dataset"));
    }

    private static void assertRefused(String parameter, String message, String job, Map<String, String> raw) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> DeclaredParameters.read(job, raw));
        assertEquals(parameter, e.parameter());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
