package dev.lightreasoner.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.data.DataRoot;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainParametersTest {
    @TempDir
    Path root;

    @Test
    void defaultsFollowTheSpecification() {
        TrainParameters p = TrainParameters.from(Map.of("samples", "3"), new DataRoot(root));
        assertEquals(LoraConfig.defaults(), p.lora());
        assertEquals(5e-5, p.learningRate());
        assertEquals(1000, p.totalSteps(20_000));
        assertEquals(16, p.batchSize() * p.accumulation());
        assertEquals(1.0, p.maxGradNorm());
        assertEquals(200, p.checkpointEvery());
        assertEquals(2, p.keep());
    }

    @Test
    void epochsDetermineTheStepCountWhenGiven() {
        TrainParameters p = TrainParameters.from(Map.of("samples", "3", "epochs", "2.5"), new DataRoot(root));
        assertEquals(7, p.totalSteps(40), "ceil(2.5 * 40 / 16)");
        assertEquals(1, p.totalSteps(1));
    }

    @Test
    void badValuesNameTheParameter() {
        DataRoot r = new DataRoot(root);
        assertEquals("samples", assertThrows(InvalidParameterException.class,
                () -> TrainParameters.from(Map.of(), r)).parameter());
        assertEquals("learningRate", assertThrows(InvalidParameterException.class,
                () -> TrainParameters.from(Map.of("samples", "1", "learningRate", "-1"), r)).parameter());
        assertEquals("warmupSteps", assertThrows(InvalidParameterException.class,
                () -> TrainParameters.from(Map.of("samples", "1", "maxSteps", "10", "warmupSteps", "10"), r)).parameter());
        assertEquals("packed", assertThrows(InvalidParameterException.class,
                () -> TrainParameters.from(Map.of("samples", "1", "packed", "yes"), r)).parameter());
        assertEquals("expert", assertThrows(InvalidParameterException.class,
                () -> TrainParameters.from(Map.of("samples", "1", "expert", "../outside"), r)).parameter());
        assertEquals("device", assertThrows(InvalidParameterException.class,
                () -> TrainParameters.from(Map.of("samples", "1", "device", "tpu:0"), r)).parameter());
    }
}
