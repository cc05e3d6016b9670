package dev.lightreasoner.engine;

import java.util.Locale;
import java.util.Map;

/** Reading job parameters from their string form, with errors that name the parameter. */
public final class ParameterValues {
    private ParameterValues() {
    }

    /** An integer in [min, max], or {@code fallback} when absent or blank. */
    public static long integer(Map<String, String> raw, String name, long fallback, long min, long max) {
        String value = raw.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, "must be an integer: " + value);
        }
        if (n < min || n > max) {
            throw new InvalidParameterException(name, "must be between " + min + " and " + max + ": " + n);
        }
        return n;
    }

    /** A finite number in [min, max], or {@code fallback} when absent or blank. */
    public static double decimal(Map<String, String> raw, String name, double fallback, double min, double max) {
        String value = raw.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        double d;
        try {
            d = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, "must be a number: " + value);
        }
        if (!(d >= min && d <= max)) {
            throw new InvalidParameterException(name, "must be between " + min + " and " + max + ": " + value);
        }
        return d;
    }

    /** A device name, {@code cpu} or {@code gpu:N}, lower-cased (availability is checked when it is used). */
    public static String device(Map<String, String> raw, String name) {
        return checkDevice(name, raw.getOrDefault(name, "cpu"));
    }

    public static String checkDevice(String parameter, String value) {
        String device = value.strip().toLowerCase(Locale.ROOT);
        if (!device.equals("cpu") && !device.matches("gpu:\\d{1,3}")) {
            throw new InvalidParameterException(parameter, "must be cpu or gpu:N: " + value);
        }
        return device;
    }

    /** "true" or "false" (anything else is refused), or {@code fallback} when absent. */
    public static boolean bool(Map<String, String> raw, String name, boolean fallback) {
        String value = raw.getOrDefault(name, Boolean.toString(fallback)).strip();
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidParameterException(name, "must be true or false: " + value);
        }
        return Boolean.parseBoolean(value);
    }
}
