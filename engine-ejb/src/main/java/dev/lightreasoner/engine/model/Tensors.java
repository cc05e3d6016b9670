package dev.lightreasoner.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * Arrays from Java values that are safe to keep in an autograd graph.
 *
 * <p>On the CPU, DJL's PyTorch engine wraps Java data without a copy ({@code torch::from_blob} over a direct
 * buffer that only the Java wrapper keeps alive), and {@code x.mul(2f)} makes its scalar that way and closes it
 * right after the product. Autograd keeps such operands for the backward pass; once their wrapper is gone, a
 * garbage collection frees the buffer and backward reads freed memory: a rare, silently wrong gradient (seen
 * as a gradient norm of 4e6 with a correct loss, and as NaN). Everything that enters a training graph is
 * therefore made here, in memory torch owns and reference-counts.
 */
public final class Tensors {
    private Tensors() {
    }

    /** A torch-owned copy of a float array. */
    public static NDArray floats(NDManager m, float[] values, Shape shape) {
        try (NDArray wrapped = m.create(values, shape)) {
            return wrapped.duplicate();
        }
    }

    /** x × c, with the scalar in torch-owned memory. */
    public static NDArray times(NDArray x, double c) {
        try (NDArray scalar = x.getManager().full(new Shape(), (float) c, x.getDataType())) {
            return x.mul(scalar);
        }
    }

    /** x ÷ c, with the scalar in torch-owned memory. */
    public static NDArray dividedBy(NDArray x, double c) {
        try (NDArray scalar = x.getManager().full(new Shape(), (float) c, x.getDataType())) {
            return x.div(scalar);
        }
    }

    /** SiLU, x · sigmoid(x) (DJL's swish multiplies by a Java scalar first). */
    public static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }
}
