package nnj.api.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.layers.Layer;
import nnj.api.layers.Mode;
import nnj.api.layers.Parameter;
import nnj.api.loss.Loss;

/**
 * Compares a layer's or a loss's analytic gradients with central finite differences, on any backend.
 *
 * <p>For a layer, the scalar checked is L(x, θ) = Σ forward(x)·r with a fixed random r, so that
 * backward(r) must give dL/dx and dL/dθ. Each checked entry v is perturbed to v ± ε and
 * (L⁺ − L⁻) / 2ε is compared with the analytic value. The forward pass runs in float32, as training
 * does; L is accumulated in double. Hence the thresholds (for float32; double precision checks use
 * far tighter ones): ε = 1e-2, and an entry passes when |a − n| ≤ absTolerance or
 * |a − n| / max(|a|, |n|) ≤ relTolerance (1e-3 and 1e-2). A wrong formula gives errors of order 1;
 * float32 round-off gives about 1e-3.
 *
 * <p>Inputs are drawn with magnitudes in [0.1, 1], so ReLU-like kinks are at least 10ε away. For
 * tensors larger than {@link Options#maxEntries} a random sample of entries is checked, plus one
 * random direction d over the whole tensor (the directional derivative Σ g·d against
 * (L(θ + εd) − L(θ − εd)) / 2ε). Stochastic layers are checked with their noise reset to the same
 * seed before every forward pass ({@link Layer#resetNoise}).
 *
 * <pre>{@code
 * GradientCheck.Report r = GradientCheck.layer(new MyLayer(16, 8), backend, new int[] {4, 16});
 * r.assertPassed();
 * }</pre>
 *
 * <p>Stateless; each check draws from its own generator. The layer or loss under check must not be used by another thread meanwhile.
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /** Settings of a check; the defaults suit float32. Not thread-safe: configure it, then only read it. */
    public static final class Options {
        /** The default settings, as {@link #defaults()}. */
        public Options() {
        }

        float epsilon = 1e-2f;
        double relTolerance = 1e-2;
        double absTolerance = 1e-3;
        int maxEntries = 24;
        long seed = 1234;
        Mode mode = Mode.TRAIN;

        /** ε = 1e-2, relative 1e-2, absolute 1e-3, 24 entries per tensor, seed 1234, training mode. */
        public static Options defaults() {
            return new Options();
        }

        /** The finite-difference step ε. */
        public Options epsilon(float e) {
            this.epsilon = e;
            return this;
        }

        /** The relative-error threshold. */
        public Options relTolerance(double t) {
            this.relTolerance = t;
            return this;
        }

        /** The absolute-error floor below which any relative error passes. */
        public Options absTolerance(double t) {
            this.absTolerance = t;
            return this;
        }

        /** How many entries per tensor are checked one by one (all when the tensor is smaller). */
        public Options maxEntries(int n) {
            this.maxEntries = n;
            return this;
        }

        /** The seed of the input, the upstream weights, the samples and the noise. */
        public Options seed(long s) {
            this.seed = s;
            return this;
        }

        /** The mode of the forward passes (training by default, so dropout is checked). */
        public Options mode(Mode m) {
            this.mode = m;
            return this;
        }
    }

    /** The outcome: how many comparisons were made, the worst one, and every failure. Not thread-safe; filled by one check, then only read. */
    public static final class Report {
        private final String subject;
        private final List<String> failures = new ArrayList<>();
        private int checked;
        private double worstRelative;
        private String worst = "none";

        Report(String subject) {
            this.subject = subject;
        }

        void record(String what, double analytic, double numeric, Options o) {
            checked++;
            double diff = Math.abs(analytic - numeric);
            double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
            double rel = scale == 0 ? 0 : diff / scale;
            boolean ok = diff <= o.absTolerance || rel <= o.relTolerance;
            String line = String.format(Locale.ROOT, "%s: analytic %.6g, numeric %.6g (abs error %.3g, rel %.3g)",
                    what, analytic, numeric, diff, rel);
            if (!ok) {
                failures.add(line);
            }
            if (diff > o.absTolerance && rel > worstRelative) {
                worstRelative = rel;
                worst = line;
            }
        }

        /** Whether something was checked and every comparison passed. */
        public boolean passed() {
            return failures.isEmpty() && checked > 0;
        }

        /** How many gradient entries or directions were compared. */
        public int checked() {
            return checked;
        }

        /** One line per failed comparison: what, analytic and numeric values, errors. */
        public List<String> failures() {
            return List.copyOf(failures);
        }

        /** Throws an {@link AssertionError} listing the failures, if any. */
        public void assertPassed() {
            if (!passed()) {
                throw new AssertionError(toString());
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("gradient check of ").append(subject).append(": ");
            if (checked == 0) {
                return sb.append("nothing was checked").toString();
            }
            sb.append(checked).append(" checked, ").append(failures.size()).append(" failed");
            for (int i = 0; i < Math.min(10, failures.size()); i++) {
                sb.append("\n  ").append(failures.get(i));
            }
            if (failures.isEmpty()) {
                sb.append("; worst above the absolute floor: ").append(worst);
            }
            return sb.toString();
        }
    }

    /** Checks {@code layer} on {@code backend} with a random input of {@code inputShape}, default options. */
    public static Report layer(Layer layer, Backend backend, int[] inputShape) {
        return layer(layer, backend, inputShape, Options.defaults());
    }

    /**
     * Checks the input gradient and every parameter gradient of {@code layer}. A layer whose
     * parameters are not on a backend yet is first initialised from the seed; it is then moved to
     * {@code backend}.
     */
    public static Report layer(Layer layer, Backend backend, int[] inputShape, Options o) {
        Random random = new Random(o.seed);
        boolean unbound = false;
        for (Parameter p : layer.parameters()) {
            unbound |= !p.isBound();
        }
        if (unbound) {
            layer.initialize(random);
        }
        layer.to(backend);
        layer.setInputGradientNeeded(true);
        Report report = new Report(layer.toString() + " on " + backend.name());

        float[] xHost = new float[Shape.of(inputShape).size()];
        for (int i = 0; i < xHost.length; i++) {
            float magnitude = 0.1f + 0.9f * random.nextFloat();
            xHost[i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        Tensor x = backend.fromArray(xHost, inputShape);
        layer.resetNoise(o.seed);
        Tensor y = layer.forward(x, o.mode);
        float[] rHost = new float[y.size()];
        for (int i = 0; i < rHost.length; i++) {
            rHost[i] = (float) random.nextGaussian();
        }
        Tensor r = backend.fromArray(rHost, y.shape().dims());
        Tensor dX = layer.backward(r);
        if (dX == null) {
            throw new IllegalStateException(layer + " returned no input gradient although it was asked for one");
        }
        float[] dxHost = dX.toArray();
        List<Parameter> params = layer.parameters();
        float[][] grads = new float[params.size()][];
        for (int i = 0; i < grads.length; i++) {
            grads[i] = params.get(i).gradient().toArray();
        }
        Objective objective = () -> {
            layer.resetNoise(o.seed);
            float[] out = layer.forward(x, o.mode).toArray();
            double s = 0;
            for (int i = 0; i < out.length; i++) {
                s += (double) out[i] * rHost[i];
            }
            return s;
        };
        checkTensor(report, "input", x, dxHost, objective, random, o);
        for (int i = 0; i < grads.length; i++) {
            checkTensor(report, params.get(i).name(), params.get(i).value(), grads[i], objective, random, o);
        }
        return report;
    }

    /**
     * Checks {@code loss}'s gradient with respect to its prediction, at a random prediction of
     * (rows, cols) with entries N(0, 1), against {@code target} (rows·cols floats).
     */
    public static Report loss(Loss loss, Backend backend, int rows, int cols, float[] target, Options o) {
        Random random = new Random(o.seed);
        float[] pHost = new float[rows * cols];
        for (int i = 0; i < pHost.length; i++) {
            pHost[i] = (float) random.nextGaussian();
        }
        Tensor p = backend.fromArray(pHost, rows, cols);
        Tensor t = backend.fromArray(target, rows, cols);
        loss.forward(p, t);
        float[] g = loss.gradient().toArray();
        Report report = new Report(loss.name() + " on " + backend.name());
        checkTensor(report, "prediction", p, g, () -> loss.forward(p, t), random, o);
        return report;
    }

    /** The scalar whose gradient is checked, evaluated at the tensors' current values. */
    @FunctionalInterface
    private interface Objective {
        double value();
    }

    private static void checkTensor(Report report, String name, Tensor t, float[] analytic, Objective f,
                                    Random random, Options o) {
        float[] values = t.toArray();
        int n = values.length;
        int[] indices = sample(n, o.maxEntries, random);
        for (int idx : indices) {
            float v = values[idx];
            values[idx] = v + o.epsilon;
            t.copyFrom(values);
            double plus = f.value();
            values[idx] = v - o.epsilon;
            t.copyFrom(values);
            double minus = f.value();
            values[idx] = v;
            t.copyFrom(values);
            double numeric = (plus - minus) / (2.0 * o.epsilon);
            report.record(name + "[" + idx + "]", analytic[idx], numeric, o);
        }
        if (n > o.maxEntries) {
            double[] d = new double[n];
            double norm = 0;
            for (int i = 0; i < n; i++) {
                d[i] = random.nextGaussian();
                norm += d[i] * d[i];
            }
            norm = Math.sqrt(norm);
            double directional = 0;
            float[] moved = new float[n];
            for (int i = 0; i < n; i++) {
                d[i] /= norm;
                directional += analytic[i] * d[i];
            }
            for (int i = 0; i < n; i++) {
                moved[i] = (float) (values[i] + o.epsilon * d[i]);
            }
            t.copyFrom(moved);
            double plus = f.value();
            for (int i = 0; i < n; i++) {
                moved[i] = (float) (values[i] - o.epsilon * d[i]);
            }
            t.copyFrom(moved);
            double minus = f.value();
            t.copyFrom(values);
            report.record(name + " along a random direction", directional, (plus - minus) / (2.0 * o.epsilon), o);
        }
    }

    /** All indices when n ≤ max, else max distinct random ones. */
    private static int[] sample(int n, int max, Random random) {
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        java.util.LinkedHashSet<Integer> chosen = new java.util.LinkedHashSet<>();
        while (chosen.size() < max) {
            chosen.add(random.nextInt(n));
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }
}
