package dev.lightreasoner.engine.model;

import ai.djl.Device;

/**
 * The device the parity tests and benchmarks run on: {@code -Dlightreasoner.test.device=gpu:0} (e.g. from
 * {@code server-config/bin/gpu-check.sh}); the CPU otherwise.
 */
public final class TestDevice {
    private TestDevice() {
    }

    public static Device get() {
        return Devices.parse(System.getProperty("lightreasoner.test.device", "cpu"));
    }
}
