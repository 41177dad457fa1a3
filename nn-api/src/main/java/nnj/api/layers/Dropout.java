package nnj.api.layers;

import java.util.Map;
import java.util.Random;
import nnj.api.Tensor;
import nnj.api.backend.BinaryOp;

/**
 * Inverted dropout: in training, each element is kept with probability 1 − rate and scaled by
 * 1/(1 − rate), so evaluation is the identity. The mask is drawn on the host from the layer's own
 * generator, seeded from the model's seed, and uploaded into a reused tensor: runs are reproducible.
 */
public final class Dropout extends AbstractLayer {
    private final float rate;
    private Random random = new Random(0);
    private float[] hostMask = new float[0];
    private final Workspace mask = new Workspace();
    private final Workspace output = new Workspace();
    private final Workspace inputGrad = new Workspace();
    private Tensor savedMask;
    private boolean maskActive;

    /** Dropout that zeroes each element with probability {@code rate} in training, 0 ≤ rate &lt; 1. */
    public Dropout(float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    /** The probability of dropping an element. */
    public float rate() {
        return rate;
    }

    @Override
    public String type() {
        return "Dropout";
    }

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    public void initialize(Random modelRandom) {
        random = new Random(modelRandom.nextLong());
    }

    @Override
    public void resetNoise(long seed) {
        random = new Random(seed);
    }

    @Override
    protected void clearWorkspaces() {
        mask.clear();
        output.clear();
        inputGrad.clear();
        savedMask = null;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        var b = backend(x);
        maskActive = mode == Mode.TRAIN && rate > 0f;
        if (!maskActive) {
            return x;
        }
        int n = x.size();
        if (hostMask.length < n) { // grows to the largest batch; a shorter batch uses the front
            hostMask = new float[n];
        }
        float keep = 1f / (1f - rate);
        for (int i = 0; i < n; i++) {
            hostMask[i] = random.nextFloat() < rate ? 0f : keep;
        }
        Tensor m = mask.like(b, x);
        b.upload(hostMask, 0, m);
        Tensor y = output.like(b, x);
        b.binary(BinaryOp.MUL, x, m, y);
        savedMask = m;
        return y;
    }

    @Override
    public Tensor backward(Tensor dY) {
        if (!inputGradientNeeded) {
            return null;
        }
        if (!maskActive) {
            return dY;
        }
        requireForward(savedMask, this);
        Tensor dX = inputGrad.like(backend, dY);
        backend.binary(BinaryOp.MUL, dY, savedMask, dX);
        return dX;
    }

    @Override
    public Map<String, String> config() {
        return Map.of("rate", Float.toString(rate));
    }

    @Override
    public String toString() {
        return "Dropout(" + rate + ")";
    }
}
