package nnj.api.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import nnj.api.Tensor;
import nnj.api.data.Dataset;
import nnj.api.data.Standardizer;
import nnj.api.layers.Dense;
import nnj.api.layers.Layer;
import nnj.api.layers.Mode;
import nnj.api.layers.Parameter;
import nnj.api.layers.Sequential;

/**
 * A listener that watches a model's health: before training and after every epoch it runs a probe
 * batch (the first {@value #PROBE_ROWS} training samples) through the model in evaluation mode and
 * reports, per layer, the activation mean and standard deviation and the norm of the layer's
 * parameter gradients from the epoch's last step.
 *
 * <p>It stops training with a {@link TrainingDivergedException} whose message names the layer and
 * the likely cause when activations explode (a non-finite value, or |mean| or std above
 * {@link #ACTIVATION_LIMIT}) or when the loss becomes NaN or infinite. A classic cause is an
 * initialisation that is too large for the depth: with weights uniform in (0, 1), every ReLU layer
 * multiplies the activations, which grow by orders of magnitude in a few layers.
 *
 * <p>Downloads tensors, so it costs time and allocates; the training step itself is unchanged.
 * Not thread-safe; use one instance per run.
 */
public final class Diagnostics implements TrainingListener {
    /** Activations whose |mean| or standard deviation exceed this are called exploding. */
    public static final double ACTIVATION_LIMIT = 1e4;
    /**
     * A step whose activations' root mean square is above 10 and this many times its predecessor's
     * before training draws a warning (training goes on): a scaled initialiser keeps the scale
     * roughly constant from layer to layer, so a factor of 10 means the weights multiply the signal,
     * and a deeper or wider net of the same kind would pass {@link #ACTIVATION_LIMIT}.
     */
    public static final double GROWTH_WARNING = 10;
    /** The number of training samples in the probe batch. */
    public static final int PROBE_ROWS = 256;

    private final Sequential model;
    private final Dataset data;
    private final Consumer<String> out;
    private Tensor probe;
    private List<Stat> initial = List.of();

    /** One step of the forward pass: layers first..last (a dense layer fused with its activation is one step). */
    record Stat(int first, int last, String name, double mean, double std, double gradNorm) {
        boolean exploding() {
            return !Double.isFinite(mean) || !Double.isFinite(std) || Math.abs(mean) > ACTIVATION_LIMIT
                    || std > ACTIVATION_LIMIT;
        }
    }

    /**
     * @param model the model being trained (the trainer's normalisation is applied to the probe)
     * @param train the training data given to the trainer, in raw units
     * @param out   receives the report, one line at a time
     */
    public Diagnostics(Sequential model, Dataset train, Consumer<String> out) {
        this.model = model;
        this.data = train;
        this.out = out;
    }

    @Override
    public void onTrainStart(TrainingPlan plan) {
        int rows = Math.min(PROBE_ROWS, data.size());
        int[] first = new int[rows];
        for (int i = 0; i < rows; i++) {
            first[i] = i;
        }
        Dataset sample = data.subset(first);
        Standardizer s = model.metadata().normalization();
        if (s != null) {
            sample = s.transform(sample);
        }
        probe = model.backend().fromArray(sample.featureArray(), rows, sample.featureCount());
        initial = measure(false);
        print("before training", initial);
        check(initial, "before training", -1);
        warnIfGrowing(initial);
    }

    /** Warns (once, before training) when the activations start far from unit scale, without stopping. */
    private void warnIfGrowing(List<Stat> stats) {
        double previous = Double.NaN; // the first step has no predecessor to compare with
        for (Stat s : stats) {
            double rms = Math.sqrt(s.mean * s.mean + s.std * s.std);
            if (rms > 10 && rms > GROWTH_WARNING * previous) {
                Dense dense = denseAtOrBefore(s.last);
                String init = dense == null ? "" : "; " + dense.weight().name() + " uses " + dense.initializer().name()
                        + " (weight mean " + fmt(mean(dense.weight().values())) + ", std "
                        + fmt(std(dense.weight().values())) + ", where He would give mean 0, std "
                        + fmt(Math.sqrt(2.0 / dense.inputs())) + ")";
                out.accept("warning: activations grow before training: layer " + layerLabel(s) + " outputs mean "
                        + fmt(s.mean) + ", std " + fmt(s.std) + " on the probe batch, " + fmt(rms / previous)
                        + "× the scale of the step before, where a scaled initialiser keeps it about the same" + init
                        + ". An adaptive optimiser may still train it, but the same initialisation in a deeper or wider"
                        + " net overflows; use he_normal before ReLU");
                return;
            }
            previous = rms;
        }
    }

    @Override
    public void onBatchEnd(int epoch, int batch, double loss) {
        if (Double.isFinite(loss)) {
            return;
        }
        List<Stat> stats = measure(true);
        print("epoch " + (epoch + 1) + " batch " + (batch + 1) + " (loss " + loss + ")", stats);
        String where = "at epoch " + (epoch + 1) + ", batch " + (batch + 1);
        Stat bad = firstExploding(stats);
        if (bad != null) {
            throw new TrainingDivergedException("the training loss became " + loss + " " + where + ": "
                    + describe(bad) + nonFiniteWeights() + ". " + cause(bad, false));
        }
        throw new TrainingDivergedException("the training loss became " + loss + " " + where
                + " although every layer's activations on the probe batch are finite and below " + fmt(ACTIVATION_LIMIT)
                + ": the loss or the update overflowed. Likely cause: a learning rate that is too high for "
                + "these gradients; lower it, or check the targets for extreme values");
    }

    @Override
    public void onEpochEnd(EpochResult result) {
        List<Stat> stats = measure(true);
        print(String.format(Locale.ROOT, "epoch %d (train loss %.4g)", result.epoch(), result.trainLoss()), stats);
        check(stats, "after epoch " + result.epoch(), result.epoch() - 1);
    }

    /** ", and layers.0.weight already holds non-finite values" for the first such parameter, or "". */
    private String nonFiniteWeights() {
        for (Parameter p : model.parameters()) {
            for (float v : p.values()) {
                if (!Float.isFinite(v)) {
                    return ", and " + p.name() + " already holds non-finite values";
                }
            }
        }
        return "";
    }

    private void check(List<Stat> stats, String when, int epoch) {
        Stat bad = firstExploding(stats);
        if (bad != null) {
            throw new TrainingDivergedException("activations explode " + when + ": " + describe(bad) + ". "
                    + cause(bad, epoch < 0));
        }
    }

    private static Stat firstExploding(List<Stat> stats) {
        for (Stat s : stats) {
            if (s.exploding()) {
                return s;
            }
        }
        return null;
    }

    private String describe(Stat s) {
        return "layer " + layerLabel(s) + " outputs mean " + fmt(s.mean) + ", std " + fmt(s.std)
                + " on the probe batch (limit " + fmt(ACTIVATION_LIMIT) + ")";
    }

    /** The likely cause, from where the explosion starts and how the layers started out. */
    private String cause(Stat bad, boolean beforeTraining) {
        Dense dense = denseAtOrBefore(bad.last);
        String unbounded = hasUnboundedActivation(bad.last) ? " Unbounded activations (ReLU) pass the growth on layer after layer." : "";
        if (beforeTraining || !initiallyHealthy()) {
            String init = dense == null ? "" : " (" + dense.weight().name() + " uses " + dense.initializer().name()
                    + ", weight mean " + fmt(mean(dense.weight().values())) + ", std " + fmt(std(dense.weight().values()))
                    + "; He initialisation would give mean 0, std " + fmt(Math.sqrt(2.0 / dense.inputs())) + ")";
            return "Likely cause: the initial weights are too large for this depth" + init + "." + unbounded
                    + " Use a scaled, zero-mean initialiser (he_normal before ReLU, xavier_normal before tanh or sigmoid)";
        }
        return "The activations were healthy before training and grew since: likely cause, a learning rate too high,"
                + " so that the updates overshoot and the weights grow." + unbounded
                + " Lower the learning rate or add weight decay";
    }

    private boolean initiallyHealthy() {
        return firstExploding(initial) == null;
    }

    private Dense denseAtOrBefore(int index) {
        for (int i = index; i >= 0; i--) {
            if (model.layers().get(i) instanceof Dense) {
                return (Dense) model.layers().get(i);
            }
        }
        return null;
    }

    private boolean hasUnboundedActivation(int upTo) {
        for (int i = 0; i <= upTo; i++) {
            String t = model.layers().get(i).type().toLowerCase(Locale.ROOT);
            if (t.contains("relu")) {
                return true;
            }
        }
        return false;
    }

    private String layerLabel(Stat s) {
        return (s.first == s.last ? Integer.toString(s.first) : s.first + "-" + s.last) + " (" + s.name + ")";
    }

    /** Runs the probe through the model and summarises each step's output (and, if asked, its gradients). */
    private List<Stat> measure(boolean gradients) {
        List<Stat> stats = new ArrayList<>();
        model.trace(probe, Mode.EVAL, (first, last, output) -> {
            float[] values = new float[output.size()];
            output.backend().download(output, values, 0);
            stats.add(new Stat(first, last, name(first, last), mean(values), std(values),
                    gradients ? gradientNorm(first, last) : -1));
        });
        return stats;
    }

    private String name(int first, int last) {
        StringBuilder sb = new StringBuilder();
        for (int i = first; i <= last; i++) {
            if (sb.length() > 0) {
                sb.append('+');
            }
            sb.append(model.layers().get(i).type().toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    /** The L2 norm of the gradients of every parameter in layers first..last (the last step's), −1 if none. */
    private double gradientNorm(int first, int last) {
        double sum = 0;
        boolean any = false;
        for (int i = first; i <= last; i++) {
            Layer l = model.layers().get(i);
            for (Parameter p : l.parameters()) {
                Tensor g = p.gradient();
                float[] v = new float[g.size()];
                g.backend().download(g, v, 0);
                for (float x : v) {
                    sum += (double) x * x;
                }
                any = true;
            }
        }
        return any ? Math.sqrt(sum) : -1;
    }

    private void print(String when, List<Stat> stats) {
        out.accept("diagnose " + when + ":");
        out.accept(String.format(Locale.ROOT, "  %-7s %-16s %12s %12s %12s", "layer", "type", "act mean", "act std",
                "grad norm"));
        for (Stat s : stats) {
            if (s.name.equals("dropout")) {
                continue; // the identity in evaluation mode: the row would repeat the one above
            }
            out.accept(String.format(Locale.ROOT, "  %-7s %-16s %12s %12s %12s",
                    s.first == s.last ? Integer.toString(s.first) : s.first + "-" + s.last, s.name, fmt(s.mean),
                    fmt(s.std), s.gradNorm < 0 ? "-" : fmt(s.gradNorm)));
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double std(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }
}
