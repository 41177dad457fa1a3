package nnj.api.backend;

/**
 * Element-wise functions of two arguments, for {@link Backend#binary}: {@code out[i] = f(a[i], b[i])}.
 *
 * <p>Besides arithmetic, this holds the activation derivatives that backprop needs, each written
 * in terms of what the layer kept from its forward pass, so a backward pass is one kernel call.
 * {@link #apply(float, float)} is the reference definition. Stateless constants, safe to share.
 */
public enum BinaryOp {
    /** a + b */
    ADD {
        @Override public float apply(float a, float b) { return a + b; }
    },
    /** a − b */
    SUB {
        @Override public float apply(float a, float b) { return a - b; }
    },
    /** a · b */
    MUL {
        @Override public float apply(float a, float b) { return a * b; }
    },
    /** a / b */
    DIV {
        @Override public float apply(float a, float b) { return a / b; }
    },
    /** max(a, b); NaN if either is NaN. */
    MAX {
        @Override public float apply(float a, float b) { return Math.max(a, b); }
    },
    /** min(a, b); NaN if either is NaN. */
    MIN {
        @Override public float apply(float a, float b) { return Math.min(a, b); }
    },
    /** ReLU backward: a = the layer's input x, b = dL/dy; gives b where x &gt; 0, else 0. */
    RELU_BACKWARD {
        @Override public float apply(float x, float dy) { return x > 0f ? dy : 0f; }
    },
    /** Sigmoid backward: a = the layer's output y, b = dL/dy; gives dy·y·(1 − y). */
    SIGMOID_BACKWARD {
        @Override public float apply(float y, float dy) { return dy * y * (1f - y); }
    },
    /** Tanh backward: a = the layer's output y, b = dL/dy; gives dy·(1 − y²). */
    TANH_BACKWARD {
        @Override public float apply(float y, float dy) { return dy * (1f - y * y); }
    },
    /**
     * Binary cross-entropy on a logit: a = z, b = the target t in [0, 1]; gives
     * max(z, 0) − z·t + ln(1 + e^−|z|), which equals −t·ln σ(z) − (1−t)·ln(1 − σ(z)) but never
     * overflows.
     */
    BCE_WITH_LOGITS {
        @Override public float apply(float z, float t) {
            return (float) (Math.max(z, 0f) - (double) z * t + Math.log1p(Math.exp(-Math.abs(z))));
        }
    };

    /** The reference value of this function at {@code (a, b)}. */
    public abstract float apply(float a, float b);
}
