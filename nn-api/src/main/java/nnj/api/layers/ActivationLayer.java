package nnj.api.layers;

import nnj.api.Tensor;
import nnj.api.backend.Activation;

/**
 * An element-wise activation whose derivative can be written from its output: ReLU, sigmoid and
 * tanh. Keeping only the output lets a {@link Sequential} fuse it into the {@link Dense} layer
 * before it without changing the backward pass.
 */
public abstract class ActivationLayer extends AbstractLayer {
    private final Activation activation;
    private final Workspace output = new Workspace();
    private final Workspace inputGrad = new Workspace();
    private Tensor savedOutput;

    /** An activation layer applying {@code activation} (one with a forward and a backward op). */
    protected ActivationLayer(Activation activation) {
        this.activation = activation;
    }

    /** The activation this layer applies (what a fused dense layer runs in its epilogue). */
    public Activation activation() {
        return activation;
    }

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    protected void clearWorkspaces() {
        output.clear();
        inputGrad.clear();
        savedOutput = null;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        var b = backend(x);
        Tensor y = output.like(b, x);
        b.unary(activation.forward(), x, y);
        savedOutput = y;
        return y;
    }

    @Override
    public Tensor backward(Tensor dY) {
        if (!checkBackward(dY, savedOutput)) {
            return null;
        }
        Tensor dX = inputGrad.like(backend, dY);
        backend.binary(activation.backward(), savedOutput, dY, dX);
        return dX;
    }
}
