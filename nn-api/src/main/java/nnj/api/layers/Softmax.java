package nnj.api.layers;

import nnj.api.Tensor;
import nnj.api.backend.BinaryOp;
import nnj.api.backend.RowReduction;

/**
 * Row-wise softmax, for models that should output probabilities. For training a classifier, prefer
 * raw logits with {@link nnj.api.loss.Losses#softmaxCrossEntropy()}, which is fused and more stable.
 *
 * <p>Backward: dX = y ⊙ (dY − sᵢ) with sᵢ = Σⱼ dYᵢⱼ·yᵢⱼ; the per-row subtraction is a column
 * broadcast ({@link nnj.api.backend.Backend#addColumnVector}). O(classes) per sample.
 */
public final class Softmax extends AbstractLayer {
    /** A row-wise softmax layer. */
    public Softmax() {
    }

    private final Workspace output = new Workspace();
    private final Workspace product = new Workspace();
    private final Workspace rowSums = new Workspace();
    private final Workspace inputGrad = new Workspace();
    private Tensor savedOutput;

    @Override
    public String type() {
        return "Softmax";
    }

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    protected void clearWorkspaces() {
        output.clear();
        product.clear();
        rowSums.clear();
        inputGrad.clear();
        savedOutput = null;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        var b = backend(x);
        if (x.shape().rank() != 2) {
            throw new IllegalArgumentException(this + ": expects a (batch, classes) input, got " + x.shape());
        }
        Tensor y = output.like(b, x);
        b.softmaxRows(x, y);
        savedOutput = y;
        return y;
    }

    @Override
    public Tensor backward(Tensor dY) {
        if (!checkBackward(dY, savedOutput)) {
            return null;
        }
        var b = backend;
        int n = dY.rows();
        int k = dY.cols();
        Tensor prod = product.like(b, dY);
        b.binary(BinaryOp.MUL, dY, savedOutput, prod);
        Tensor s = rowSums.matrix(b, n, 1);
        b.reduceRows(RowReduction.SUM, prod, s);
        b.affine(s, -1f, 0f, s);
        Tensor dX = inputGrad.like(b, dY);
        b.addColumnVector(dY, s, dX); // dY − s·1ᵀ
        b.binary(BinaryOp.MUL, dX, savedOutput, dX);
        return dX;
    }
}
