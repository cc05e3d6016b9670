package dev.lightreasoner.engine.model;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * The type a model's weights are held and its products computed in. {@code fp32} everywhere by default;
 * {@code fp16} halves the memory and the bytes each decoding step reads, for GPUs (on a CPU it is slower than fp32).
 * In fp16, as transformers computes a half-precision model, RMSNorm and the attention softmax run in fp32 and the
 * logits are returned in fp32; every probability the jobs keep is fp32. (BF16 compute is not offered: DJL's
 * PyTorch engine aborts on it.)
 */
public enum Precision {
    FP32(DataType.FLOAT32), FP16(DataType.FLOAT16);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    public DataType dataType() {
        return dataType;
    }

    /** fp32 or fp16, as written in job parameters. */
    public static Precision parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "fp32" -> FP32;
            case "fp16" -> FP16;
            default -> throw new IllegalArgumentException("precision '" + name + "' is not valid: use fp32 or fp16");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
