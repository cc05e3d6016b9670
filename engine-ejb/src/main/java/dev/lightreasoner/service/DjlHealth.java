package dev.lightreasoner.service;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import jakarta.ejb.Stateless;

/**
 * Smoke check of DJL inside the server: builds NDArrays on the PyTorch engine and multiplies them.
 * It proves the static JBoss module loads its natives and keeps working across redeploys.
 */
@Stateless
public class DjlHealth {

    /** Engine facts and the result of [[1,2],[3,4]] x [[5,6],[7,8]] summed (= 134). */
    public DjlStatus check() {
        Engine engine = Engine.getInstance();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray b = manager.create(new float[] {5, 6, 7, 8}, new Shape(2, 2));
            float sum = a.matMul(b).sum().getFloat();
            return new DjlStatus(engine.getEngineName(), engine.getVersion(), manager.getDevice().toString(), sum,
                    String.valueOf(Engine.class.getClassLoader()),
                    Boolean.parseBoolean(System.getProperty("ai.djl.offline", System.getenv("DJL_OFFLINE"))));
        }
    }

    /** What the smoke check found. */
    public record DjlStatus(String engine, String version, String device, float matmulSum, String djlClassLoader,
                            boolean offline) {
    }
}
