package nnj.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nnj.api.data.Task;
import nnj.api.layers.Dense;
import nnj.api.layers.Dropout;
import nnj.api.layers.Layer;
import nnj.api.layers.LeakyReLU;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.api.layers.Sigmoid;
import nnj.api.layers.Tanh;

/**
 * The shape of a multi-layer perceptron, small enough to ship to every executor: input width, hidden
 * widths, activation, dropout rate, output width and task. Executors rebuild the same
 * {@link Sequential} from it and then receive the weights as one flat vector.
 */
public record NetworkSpec(int inputs, int[] hidden, String activation, float dropout, int outputs, Task task)
        implements Serializable {

    public NetworkSpec {
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("a network needs at least one input and one output, got "
                    + inputs + " and " + outputs);
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden layer widths must be positive, got " + h);
            }
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        activationLayer(activation); // fails early on a typo
        hidden = hidden.clone();
    }

    /** A new, uninitialised model of this shape. */
    public Sequential build() {
        List<Layer> stack = new ArrayList<>();
        int width = inputs;
        for (int h : hidden) {
            stack.add(new Dense(width, h));
            stack.add(activationLayer(activation));
            if (dropout > 0) {
                stack.add(new Dropout(dropout));
            }
            width = h;
        }
        stack.add(new Dense(width, outputs)); // logits, or linear regression outputs
        return Sequential.of(stack);
    }

    /** {@code 64-128-64-10 relu}. */
    public String describe() {
        StringBuilder sb = new StringBuilder("MLP ").append(inputs);
        for (int h : hidden) {
            sb.append('-').append(h);
        }
        sb.append('-').append(outputs);
        if (hidden.length > 0) {
            sb.append(' ').append(activation.toLowerCase(Locale.ROOT));
        }
        if (dropout > 0) {
            sb.append(", dropout ").append(dropout);
        }
        return sb.toString();
    }

    /** Parses {@code 128,64} (or {@code none}) into widths. */
    public static int[] parseWidths(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("none")) {
            return new int[0];
        }
        String[] parts = s.split(",", -1);
        int[] widths = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                widths[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                widths[i] = -1;
            }
            if (widths[i] < 1) {
                throw new IllegalArgumentException("layers expects positive hidden widths separated by commas, such as"
                        + " 128,64 (or none); '" + parts[i].trim() + "' in '" + spec + "' is not one");
            }
        }
        return widths;
    }

    static Layer activationLayer(String name) {
        switch (name == null ? "" : name.toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "relu": return new ReLU();
            case "leaky_relu": case "leakyrelu": return new LeakyReLU();
            case "tanh": return new Tanh();
            case "sigmoid": return new Sigmoid();
            default:
                throw new IllegalArgumentException("unknown activation '" + name + "'; use relu, leaky_relu, tanh or sigmoid");
        }
    }
}
