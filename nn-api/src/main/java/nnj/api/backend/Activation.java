package nnj.api.backend;

/**
 * An activation that a fused kernel such as {@link Backend#denseForward} may apply in its epilogue,
 * with the element-wise ops that compute it and its derivative.
 *
 * <p>Immutable constants, safe to share between threads.
 */
public enum Activation {
    /** No activation: y = z. */
    IDENTITY(null, null),
    /** max(z, 0), with {@link UnaryOp#RELU} and {@link BinaryOp#RELU_BACKWARD}. */
    RELU(UnaryOp.RELU, BinaryOp.RELU_BACKWARD),
    /** 1/(1 + e⁻ᶻ), with {@link UnaryOp#SIGMOID} and {@link BinaryOp#SIGMOID_BACKWARD}. */
    SIGMOID(UnaryOp.SIGMOID, BinaryOp.SIGMOID_BACKWARD),
    /** tanh z, with {@link UnaryOp#TANH} and {@link BinaryOp#TANH_BACKWARD}. */
    TANH(UnaryOp.TANH, BinaryOp.TANH_BACKWARD);

    private final UnaryOp forward;
    private final BinaryOp backward;

    Activation(UnaryOp forward, BinaryOp backward) {
        this.forward = forward;
        this.backward = backward;
    }

    /** The element-wise function, or {@code null} for {@link #IDENTITY}. */
    public UnaryOp forward() {
        return forward;
    }

    /**
     * The derivative as a {@link BinaryOp}, or {@code null} for {@link #IDENTITY}. ReLU's takes the
     * layer input as its first argument; sigmoid's and tanh's take the layer output.
     */
    public BinaryOp backward() {
        return backward;
    }
}
