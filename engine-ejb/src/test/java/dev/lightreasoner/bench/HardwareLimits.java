package dev.lightreasoner.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.lightreasoner.engine.model.ModelConfig;
import dev.lightreasoner.engine.model.TestDevice;

/**
 * What this machine allows, measured in the same run as the benchmark that compares against it (machines here
 * are noisy): the matmul peak and the memory read bandwidth, both through the same engine and threads.
 */
final class HardwareLimits {
    private HardwareLimits() {
    }

    /** Best of 5 fp32 square matmuls on the benchmark's device (2,048 wide on a CPU, 8,192 on a GPU), in GFLOP/s. */
    static double matmulPeakGflops() {
        return matmulPeakGflops(DataType.FLOAT32);
    }

    /** The same in a given type (fp16 on a GPU runs on its tensor cores). */
    static double matmulPeakGflops(DataType type) {
        int n = TestDevice.get().isGpu() ? 8192 : 2048;
        try (NDManager m = NDManager.newBaseManager(TestDevice.get())) {
            NDArray a = m.randomUniform(-1, 1, new Shape(n, n)).toType(type, false);
            NDArray b = m.randomUniform(-1, 1, new Shape(n, n)).toType(type, false);
            double best = 0;
            for (int i = 0; i < 6; i++) {
                long t = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0);
                }
                double s = (System.nanoTime() - t) / 1e9;
                if (i > 0) {                                   // the first call pays for warm-up
                    best = Math.max(best, 2.0 * n * n * n / s / 1e9);
                }
            }
            return best;
        }
    }

    /** Best of 5 sums over 1 GiB of floats (far beyond any cache) on the benchmark's device, in GB/s read. */
    static double readBandwidthGbPerSecond() {
        long floats = 1L << 28;
        try (NDManager m = NDManager.newBaseManager(TestDevice.get())) {
            NDArray a = m.ones(new Shape(floats));
            double best = 0;
            for (int i = 0; i < 6; i++) {
                long t = System.nanoTime();
                try (NDArray sum = a.sum()) {
                    sum.getFloat();
                }
                double s = (System.nanoTime() - t) / 1e9;
                if (i > 0) {
                    best = Math.max(best, floats * 4 / s / 1e9);
                }
            }
            return best;
        }
    }

    /** Weights every token is multiplied by (projections and the LM head; norms and biases are negligible). */
    static long matmulParameters(ModelConfig c) {
        long d = c.hiddenSize();
        long perLayer = d * c.heads() * c.headDim() * 2 + d * c.kvHeads() * c.headDim() * 2 + 3 * d * c.intermediateSize();
        return perLayer * c.layers() + d * c.vocabSize();
    }
}
