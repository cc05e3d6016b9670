package dev.lightreasoner.engine.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Rotary-embedding scaling from {@code config.json} ({@code rope_scaling}, or transformers 5's {@code rope_parameters}),
 * applied to the inverse frequencies as transformers' {@code modeling_rope_utils} does. Supported: {@code default},
 * {@code linear} (every frequency / factor) and {@code llama3} (Llama 3.1+: long wavelengths / factor, short ones
 * kept, the band between interpolated). Other types (yarn, dynamic, longrope, ...) are refused by name.
 */
public record RopeScaling(String type, double factor, double lowFrequencyFactor, double highFrequencyFactor,
                          double originalContext) {

    public static final RopeScaling NONE = new RopeScaling("default", 1, 0, 0, 0);

    /** Reads the scaling of a config; {@code where} names the file in errors. */
    static RopeScaling of(JsonNode config, String where) {
        JsonNode s = config.path("rope_scaling");
        if (s.isMissingNode() || s.isNull()) {
            s = config.path("rope_parameters");
        }
        String type = s.path("rope_type").asText(s.path("type").asText("default"));
        switch (type) {
            case "default":
                return NONE;
            case "linear":
                return new RopeScaling(type, positive(s, "factor", where), 0, 0, 0);
            case "llama3": {
                double low = positive(s, "low_freq_factor", where);
                double high = positive(s, "high_freq_factor", where);
                if (!(high > low)) {
                    throw new IllegalArgumentException(where + ": llama3 rope scaling needs high_freq_factor > "
                            + "low_freq_factor (got " + high + " and " + low + ")");
                }
                return new RopeScaling(type, positive(s, "factor", where), low, high,
                        positive(s, "original_max_position_embeddings", where));
            }
            default:
                throw new IllegalArgumentException(where + ": rope type '" + type
                        + "' is not supported (supported: default, linear, llama3)");
        }
    }

    /** The scaled inverse frequency of one rotary pair. */
    double apply(double inverseFrequency) {
        switch (type) {
            case "linear":
                return inverseFrequency / factor;
            case "llama3": {
                double wavelength = 2 * Math.PI / inverseFrequency;
                double longest = originalContext / lowFrequencyFactor;
                double shortest = originalContext / highFrequencyFactor;
                if (wavelength < shortest) {
                    return inverseFrequency;                          // high frequencies: unchanged
                }
                if (wavelength > longest) {
                    return inverseFrequency / factor;                 // low frequencies: interpolated fully
                }
                double smooth = (originalContext / wavelength - lowFrequencyFactor)
                        / (highFrequencyFactor - lowFrequencyFactor);
                return (1 - smooth) * inverseFrequency / factor + smooth * inverseFrequency;
            }
            default:
                return inverseFrequency;
        }
    }

    private static double positive(JsonNode s, String field, String where) {
        double value = s.path(field).asDouble(Double.NaN);
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(where + ": rope scaling needs a positive '" + field + "'");
        }
        return value;
    }
}
