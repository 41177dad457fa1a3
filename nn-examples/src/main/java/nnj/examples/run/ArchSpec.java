package nnj.examples.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nnj.api.Shape;
import nnj.api.layers.BatchNorm;
import nnj.api.layers.Dense;
import nnj.api.layers.Dropout;
import nnj.api.layers.Flatten;
import nnj.api.layers.Layer;
import nnj.api.layers.LeakyReLU;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sigmoid;
import nnj.api.layers.Tanh;
import nnj.api.layers.conv.AvgPool2D;
import nnj.api.layers.conv.Conv2D;
import nnj.api.layers.conv.GlobalAvgPool2D;
import nnj.api.layers.conv.MaxPool2D;
import nnj.api.layers.conv.Unflatten;

/**
 * The {@code --arch} grammar for convolutional nets: comma-separated items, read left to right,
 * turned into layers for images of a given (C, H, W) shape.
 *
 * <pre>
 *   convF[kK][sS][pP|same|valid]  K×K convolution to F channels (default k3 s1, padding same;
 *                                 valid when same is impossible: stride ≠ 1 or an even kernel)
 *   poolP[sS], maxpoolP[sS]        P×P max pooling (stride P unless given)
 *   avgpoolP[sS]                   P×P average pooling
 *   gap                            global average pooling: one value per channel
 *   bn                             batch normalisation (per channel on images)
 *   denseN                         a hidden dense layer of N units (a Flatten is added before it)
 *   dropoutR                       dropout at rate R, e.g. dropout0.25
 *   relu, leaky_relu, tanh, sigmoid
 * </pre>
 *
 * Each conv and dense item gets the default activation (the CLI's {@code --activation}) unless an
 * activation item follows it (after any bn items); the default goes after those bn items, giving
 * the usual conv → bn → relu. A hidden dense layer is followed by dropout when a default dropout
 * rate is given. The final dense layer to the outputs is always added, after a Flatten.
 * {@code cnn} names the preset {@value #CNN_PRESET}.
 */
public final class ArchSpec {
    /** The preset behind {@code --arch cnn}: two 3×3 same conv blocks with 2×2 max pooling, then 128 units. */
    public static final String CNN_PRESET = "conv32k3,pool2,conv64k3,pool2,dense128";

    private static final Pattern CONV = Pattern.compile("conv(\\d+)(?:k(\\d+))?(?:s(\\d+))?(?:p(\\d+|same|valid))?");
    private static final Pattern POOL = Pattern.compile("(max|avg)?pool(\\d+)(?:s(\\d+))?");
    private static final Pattern DENSE = Pattern.compile("dense(\\d+)");
    private static final Pattern DROPOUT = Pattern.compile("dropout(\\d*\\.?\\d+)");

    private final String spec;
    private final List<String> items;

    private ArchSpec(String spec, List<String> items) {
        this.spec = spec;
        this.items = items;
    }

    /** Parses {@code cnn} or a spec, checking every item (shapes are checked later, by {@link #layers}). */
    public static ArchSpec parse(String text) {
        String spec = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (spec.equals("cnn")) {
            spec = CNN_PRESET;
        }
        List<String> items = new ArrayList<>();
        for (String raw : spec.split(",", -1)) {
            String item = raw.trim().replace('-', '_');
            if (!known(item)) {
                throw new IllegalArgumentException("--arch: unknown item '" + raw.trim() + "' in '" + text
                        + "'; use conv32k3, pool2, avgpool2, gap, bn, dense128, dropout0.25, relu, leaky_relu,"
                        + " tanh, sigmoid");
            }
            items.add(item);
        }
        return new ArchSpec(spec, List.copyOf(items));
    }

    /** The spec with the preset expanded, e.g. {@value #CNN_PRESET}. */
    public String spec() {
        return spec;
    }

    private static boolean known(String item) {
        return CONV.matcher(item).matches() || POOL.matcher(item).matches() || DENSE.matcher(item).matches()
                || DROPOUT.matcher(item).matches() || item.equals("gap") || item.equals("bn")
                || activation(item) != null;
    }

    /**
     * The layers for flat samples of images {@code (c, h, w)}: Unflatten first, the final dense to
     * {@code outputs} last.
     *
     * @param defaultActivation the activation for conv and dense items not followed by one
     * @param dropout           the dropout rate after each hidden dense layer, 0 for none
     */
    public List<Layer> layers(int c, int h, int w, int outputs, String defaultActivation, float dropout) {
        return layers(c, h, w, outputs, defaultActivation, dropout, total -> { });
    }

    /**
     * As {@link #layers(int, int, int, int, String, float)}, telling {@code parametersSoFar} the
     * running parameter count before each conv or dense layer is built (and its weights allocated),
     * so that a caller can refuse a network too large for the heap before it exists.
     */
    public List<Layer> layers(int c, int h, int w, int outputs, String defaultActivation, float dropout,
                              LongConsumer parametersSoFar) {
        long[] parameters = {0};
        LongConsumer reserve = n -> {
            parameters[0] = NetworkFootprint.saturatedSum(parameters[0], n);
            parametersSoFar.accept(parameters[0]);
        };
        if (activation(defaultActivation) == null) {
            throw new IllegalArgumentException("unknown activation '" + defaultActivation
                    + "'; use relu, leaky_relu, tanh or sigmoid");
        }
        List<Layer> stack = new ArrayList<>();
        Shape[] shape = {Shape.of(c, h, w)};
        add(stack, shape, new Unflatten(c, h, w), "input");
        boolean pending = false; // a conv or dense item still waits for its activation
        boolean pendingDense = false;
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            Supplier<Layer> act = activation(item);
            if (act != null) {
                add(stack, shape, act.get(), item);
                if (pendingDense) {
                    addDropout(stack, shape, dropout);
                }
                pending = false;
                pendingDense = false;
                continue;
            }
            if (item.equals("bn")) {
                add(stack, shape, new BatchNorm(shape[0].dim(0)), item);
                continue;
            }
            if (pending) {
                add(stack, shape, activation(defaultActivation).get(), item);
                if (pendingDense) {
                    addDropout(stack, shape, dropout);
                }
                pending = false;
                pendingDense = false;
            }
            Matcher m;
            if ((m = CONV.matcher(item)).matches()) {
                requireImage(shape[0], item);
                int k = m.group(2) == null ? 3 : number(m.group(2), item);
                int s = m.group(3) == null ? 1 : number(m.group(3), item);
                String padding = m.group(4) != null ? m.group(4) : s == 1 && k % 2 == 1 ? "same" : "valid";
                int filters = number(m.group(1), item);
                reserve.accept(NetworkFootprint.times(filters, (long) shape[0].dim(0) * k * k + 1));
                add(stack, shape, new Conv2D(shape[0].dim(0), filters, k, k, s, padding, true,
                        null), item);
                pending = true;
            } else if ((m = POOL.matcher(item)).matches()) {
                requireImage(shape[0], item);
                int p = number(m.group(2), item);
                int s = m.group(3) == null ? p : number(m.group(3), item);
                add(stack, shape, "avg".equals(m.group(1)) ? new AvgPool2D(p, s) : new MaxPool2D(p, s), item);
            } else if (item.equals("gap")) {
                requireImage(shape[0], item);
                add(stack, shape, new GlobalAvgPool2D(), item);
            } else if ((m = DENSE.matcher(item)).matches()) {
                addDense(stack, shape, number(m.group(1), item), item, reserve);
                pending = true;
                pendingDense = true;
            } else if ((m = DROPOUT.matcher(item)).matches()) {
                add(stack, shape, new Dropout(Float.parseFloat(m.group(1))), item);
            }
        }
        if (pending) {
            add(stack, shape, activation(defaultActivation).get(), "end");
            if (pendingDense) {
                addDropout(stack, shape, dropout);
            }
        }
        addDense(stack, shape, outputs, "output", reserve); // linear output: logits or regression values
        return stack;
    }

    /**
     * A size written in an item (units, filters, kernel, stride, window): at least 1. One out of
     * range is refused with the item, not a parser's or a layer's words.
     */
    private static int number(String digits, String item) {
        int n;
        try {
            n = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--arch item '" + item + "': " + digits + " is too large (at most "
                    + Integer.MAX_VALUE + ")");
        }
        if (n < 1) {
            throw new IllegalArgumentException("--arch item '" + item + "': its sizes must be at least 1, got " + n);
        }
        return n;
    }

    private static void addDense(List<Layer> stack, Shape[] shape, int units, String item, LongConsumer reserve) {
        if (shape[0].rank() != 1) {
            add(stack, shape, new Flatten(), item);
        }
        reserve.accept(NetworkFootprint.times(shape[0].dim(0) + 1L, units));
        add(stack, shape, new Dense(shape[0].dim(0), units), item);
    }

    private static void addDropout(List<Layer> stack, Shape[] shape, float rate) {
        if (rate > 0) {
            add(stack, shape, new Dropout(rate), "--dropout");
        }
    }

    /** Appends {@code layer}, tracking the sample shape; a bad item fails with its name. */
    private static void add(List<Layer> stack, Shape[] shape, Layer layer, String item) {
        try {
            shape[0] = layer.outputShape(shape[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--arch item '" + item + "' does not fit the sample shape "
                    + shape[0] + ": " + e.getMessage());
        }
        stack.add(layer);
    }

    private static void requireImage(Shape shape, String item) {
        if (shape.rank() != 3) {
            throw new IllegalArgumentException("--arch item '" + item + "' needs images, but comes after a dense or gap"
                    + " item that made the samples flat (" + shape + "); put image items first");
        }
    }

    /** The activation layer an item names, or null. */
    private static Supplier<Layer> activation(String item) {
        switch (item.toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "relu": return ReLU::new;
            case "leaky_relu": case "leakyrelu": return LeakyReLU::new;
            case "tanh": return Tanh::new;
            case "sigmoid": return Sigmoid::new;
            default: return null;
        }
    }

    @Override
    public String toString() {
        return spec;
    }
}
