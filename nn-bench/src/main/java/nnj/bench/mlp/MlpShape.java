package nnj.bench.mlp;

/** Layer widths of a fully connected network; {@link #MNIST} is the 784-256-128-10 MLP the benchmarks train. */
public final class MlpShape {
    /** The MNIST-sized MLP: 784 inputs, hidden layers of 256 and 128, 10 classes. */
    public static final MlpShape MNIST = new MlpShape(784, 256, 128, 10);

    private final int[] widths;

    public MlpShape(int... widths) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least an input and an output width");
        }
        this.widths = widths.clone();
    }

    public int layers() {
        return widths.length - 1;
    }

    public int in(int layer) {
        return widths[layer];
    }

    public int out(int layer) {
        return widths[layer + 1];
    }

    public int inputs() {
        return widths[0];
    }

    public int classes() {
        return widths[widths.length - 1];
    }

    /** Weight (in, out) then bias (out) for each layer. */
    public int[][] parameterShapes() {
        int[][] shapes = new int[2 * layers()][];
        for (int l = 0; l < layers(); l++) {
            shapes[2 * l] = new int[] {in(l), out(l)};
            shapes[2 * l + 1] = new int[] {out(l)};
        }
        return shapes;
    }
}
