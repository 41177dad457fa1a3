package nnj.api.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import nnj.api.Shape;
import nnj.api.backend.Backend;
import nnj.api.layers.Parameter;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;

/**
 * Optimizer steps against values worked out by hand from the update formulas (PyTorch's
 * definitions). Tolerance 1e-6: the updates are a few float32 operations on values near 1, so
 * round-off is about 1e-7; a wrong formula (say, a missing bias correction) is off by 1e-3 or more.
 */
class OptimizersTest {
    private final Backend backend = new NaiveBackend();
    private static final float TOL = 1e-6f;

    /** A parameter holding {@code values} with gradient {@code grad}, on the test backend. */
    private Parameter param(float[] values) {
        Parameter p = new Parameter("w", Shape.of(values.length));
        p.setValues(values);
        p.to(backend);
        return p;
    }

    private static void setGrad(Parameter p, float... g) {
        p.gradient().copyFrom(g);
    }

    @Test
    void plainSgd() {
        Parameter p = param(new float[] {1f, -2f});
        Sgd sgd = new Sgd(0.1f);
        sgd.attach(List.of(p));
        setGrad(p, 0.5f, -1f);
        sgd.step();
        // θ − lr·g = (1 − 0.05, −2 + 0.1)
        assertArrayEquals(new float[] {0.95f, -1.9f}, p.values(), TOL);
    }

    @Test
    void sgdWithMomentumAndWeightDecay() {
        Parameter p = param(new float[] {1f});
        Sgd sgd = new Sgd(0.1f, 0.9f, false, 0.01f);
        sgd.attach(List.of(p));
        setGrad(p, 0.5f);
        sgd.step();
        // g = 0.5 + 0.01·1 = 0.51; v = 0.51; θ = 1 − 0.051 = 0.949
        assertEquals(0.949f, p.values()[0], TOL);
        setGrad(p, 0.5f);
        sgd.step();
        // g = 0.5 + 0.01·0.949 = 0.50949; v = 0.9·0.51 + 0.50949 = 0.96849; θ = 0.949 − 0.096849 = 0.852151
        assertEquals(0.852151f, p.values()[0], TOL);
    }

    @Test
    void nesterovSgd() {
        Parameter p = param(new float[] {1f});
        Sgd sgd = new Sgd(0.1f, 0.9f, true, 0f);
        sgd.attach(List.of(p));
        setGrad(p, 1f);
        sgd.step();
        // v = 1; step g + μv = 1.9; θ = 1 − 0.19 = 0.81
        assertEquals(0.81f, p.values()[0], TOL);
        setGrad(p, 1f);
        sgd.step();
        // v = 0.9 + 1 = 1.9; step 1 + 0.9·1.9 = 2.71; θ = 0.81 − 0.271 = 0.539
        assertEquals(0.539f, p.values()[0], TOL);
    }

    @Test
    void adamFirstTwoSteps() {
        Parameter p = param(new float[] {1f, 1f});
        Adam adam = new Adam(0.1f);
        adam.attach(List.of(p));
        setGrad(p, 0.5f, -2f);
        adam.step();
        // Step 1: m̂ = g, v̂ = g², so θ −= lr·g/(|g| + ε) ≈ lr·sign(g)
        assertArrayEquals(new float[] {0.9f, 1.1f}, p.values(), TOL);
        setGrad(p, 0.25f, -2f);
        adam.step();
        // Step 2, first entry: m = 0.9·0.05 + 0.1·0.25 = 0.07, m̂ = 0.07/0.19 = 0.368421;
        // v = 0.999·0.00025 + 0.001·0.0625 = 0.00031225, v̂ = 0.00031225/0.001999 = 0.156203;
        // θ = 0.9 − 0.1·0.368421/0.395225 = 0.9 − 0.0932181 = 0.8067819
        assertEquals(0.8067819f, p.values()[0], 2e-6f);
        // Second entry: constant gradient, so m̂ = −2, v̂ = 4 and the step is lr again
        assertEquals(1.2f, p.values()[1], TOL);
        assertEquals(2, adam.steps());
    }

    @Test
    void adamWDecaysTheWeightsNotTheGradient() {
        Parameter p = param(new float[] {2f});
        Adam adamw = Adam.adamW(0.1f, 0.5f);
        adamw.attach(List.of(p));
        setGrad(p, 1f);
        adamw.step();
        // θ·(1 − lr·wd) = 2·0.95 = 1.9, then −lr·sign(g) = 1.8
        assertEquals(1.8f, p.values()[0], TOL);
    }

    @Test
    void adamWithCoupledWeightDecayAddsItToTheGradient() {
        Parameter p = param(new float[] {2f});
        Adam adam = new Adam(0.1f, 0.9f, 0.999f, 1e-8f, 0.5f, false);
        adam.attach(List.of(p));
        setGrad(p, -0.5f);
        adam.step();
        // g = −0.5 + 0.5·2 = +0.5, so the first step goes down by lr: 1.9
        assertEquals(1.9f, p.values()[0], TOL);
    }

    @Test
    void rmsProp() {
        Parameter p = param(new float[] {1f});
        RmsProp rms = new RmsProp(0.01f, 0.9f, 1e-8f);
        rms.attach(List.of(p));
        setGrad(p, 2f);
        rms.step();
        // v = 0.1·4 = 0.4; θ = 1 − 0.01·2/√0.4 = 1 − 0.0316228 = 0.9683772
        assertEquals(0.9683772f, p.values()[0], TOL);
        setGrad(p, 2f);
        rms.step();
        // v = 0.9·0.4 + 0.4 = 0.76; θ −= 0.01·2/√0.76 = 0.0229416 → 0.9454356
        assertEquals(0.9454356f, p.values()[0], TOL);
    }

    @Test
    void schedules() {
        LearningRateSchedule step = LearningRateSchedule.step(2, 0.5f);
        assertEquals(1f, step.rate(0, 1f));
        assertEquals(1f, step.rate(1, 1f));
        assertEquals(0.5f, step.rate(2, 1f));
        assertEquals(0.25f, step.rate(5, 1f));
        LearningRateSchedule cos = LearningRateSchedule.cosine(10, 0f);
        assertEquals(1f, cos.rate(0, 1f), TOL);
        assertEquals(0.5f, cos.rate(5, 1f), TOL);
        assertEquals(0.0244717f, cos.rate(9, 1f), TOL);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sgd(-1f));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1f, 0f, true, 0f));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1f, 1f, 0.999f, 1e-8f, 0f, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.named("adagrad", 0.1f));
        assertEquals(true, e.getMessage().contains("adam"));
    }
}
