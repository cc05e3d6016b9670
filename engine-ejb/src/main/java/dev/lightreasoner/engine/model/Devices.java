package dev.lightreasoner.engine.model;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Parses the device names operators write in job parameters: {@code cpu}, {@code gpu:N}. */
public final class Devices {
    private Devices() {
    }

    public static Device parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        if (n.matches("gpu:\\d{1,3}")) {
            int index = Integer.parseInt(n.substring(4));
            int gpus = Engine.getInstance().getGpuCount();
            if (index >= gpus) {
                throw new IllegalArgumentException("device '" + name + "' is not available: this server has "
                        + gpus + " GPU(s) visible to PyTorch");
            }
            return Device.gpu(index);
        }
        throw new IllegalArgumentException("device '" + name + "' is not valid: use cpu or gpu:N");
    }
}
