package nnj.api.model;

import java.util.List;
import java.util.Locale;
import nnj.api.Shape;
import nnj.api.layers.Layer;
import nnj.api.layers.Parameter;
import nnj.api.layers.Sequential;

/**
 * The text of {@link Sequential#summary()}: one row per layer with its output shape per sample
 * (a width, or C×H×W for images) and its parameter count, then the totals, as Keras's
 * {@code model.summary()} shows them.
 */
public final class ModelSummary {
    private ModelSummary() {
    }

    /** The summary of {@code model}; widths are "?" when the first layer does not fix the input. */
    public static String of(Sequential model) {
        List<Layer> layers = model.layers();
        String[][] rows = new String[layers.size()][];
        Shape shape = model.inputWidth() < 0 ? null : Shape.of(model.inputWidth());
        int typeWidth = "layer".length();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            shape = shape == null ? null : l.outputShape(shape); // per sample: images as C×H×W
            long params = 0;
            for (Parameter p : l.parameters()) {
                params += p.shape().size();
            }
            rows[i] = new String[] {Integer.toString(i), l.toString(), shape == null ? "?" : dims(shape),
                String.format(Locale.ROOT, "%,d", params)};
            typeWidth = Math.max(typeWidth, rows[i][1].length());
        }
        String format = "%3s  %-" + typeWidth + "s  %10s  %12s%n";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, format, "#", "layer", "output", "parameters"));
        for (String[] r : rows) {
            sb.append(String.format(Locale.ROOT, format, (Object[]) r));
        }
        sb.append(String.format(Locale.ROOT, "input %s features per sample; %,d parameters in all%n",
                model.inputWidth() < 0 ? "?" : Integer.toString(model.inputWidth()), model.parameterCount()));
        return sb.toString();
    }

    /** A per-sample shape as {@code 128} or {@code 32×28×28}. */
    private static String dims(Shape s) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < s.rank(); d++) {
            sb.append(d == 0 ? "" : "×").append(s.dim(d));
        }
        return sb.toString();
    }
}
