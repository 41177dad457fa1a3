package nnj.api.backend;

/**
 * An activation that a fused kernel such as {@link Backend#denseForward} may apply in its epilogue.
 */
public enum Activation {
    IDENTITY(null, null),
    RELU(UnaryOp.RELU, BinaryOp.RELU_BACKWARD),
    SIGMOID(UnaryOp.SIGMOID, BinaryOp.SIGMOID_BACKWARD),
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
