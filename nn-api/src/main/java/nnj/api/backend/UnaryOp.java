package nnj.api.backend;

/**
 * Element-wise functions of one argument, for {@link Backend#unary}.
 *
 * <p>{@link #apply(float)} is the reference definition: every backend must match it within the
 * conformance kit's tolerance, including on NaN and infinities. Stateless constants, safe to share.
 */
public enum UnaryOp {
    /** −x */
    NEG {
        @Override public float apply(float x) { return -x; }
    },
    /** |x| */
    ABS {
        @Override public float apply(float x) { return Math.abs(x); }
    },
    /** x² */
    SQUARE {
        @Override public float apply(float x) { return x * x; }
    },
    /** √x (NaN below zero) */
    SQRT {
        @Override public float apply(float x) { return (float) Math.sqrt(x); }
    },
    /** eˣ */
    EXP {
        @Override public float apply(float x) { return (float) Math.exp(x); }
    },
    /** ln x (−∞ at zero, NaN below) */
    LOG {
        @Override public float apply(float x) { return (float) Math.log(x); }
    },
    /** 1/x */
    RECIPROCAL {
        @Override public float apply(float x) { return 1f / x; }
    },
    /** max(x, 0); NaN stays NaN. */
    RELU {
        @Override public float apply(float x) { return Math.max(x, 0f); }
    },
    /** 1/(1 + e⁻ˣ), evaluated without overflow for either sign of x. */
    SIGMOID {
        @Override public float apply(float x) {
            if (x >= 0) {
                return (float) (1.0 / (1.0 + Math.exp(-x)));
            }
            double e = Math.exp(x);
            return (float) (e / (1.0 + e));
        }
    },
    /** tanh x */
    TANH {
        @Override public float apply(float x) { return (float) Math.tanh(x); }
    };

    /** The reference value of this function at {@code x}. */
    public abstract float apply(float x);
}
