package dev.lightreasoner.engine;

import java.util.Locale;

/** Values a declaration's types do not cover, checked with errors that name the parameter. */
public final class ParameterValues {
    private ParameterValues() {
    }

    /** A device name, {@code cpu} or {@code gpu:N}, lower-cased (availability is checked when it is used). */
    public static String checkDevice(String parameter, String value) {
        String device = value.strip().toLowerCase(Locale.ROOT);
        if (!device.equals("cpu") && !device.matches("gpu:\\d{1,3}")) {
            throw new InvalidParameterException(parameter, "must be cpu or gpu:N: " + value);
        }
        return device;
    }
}
