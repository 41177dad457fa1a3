package nnj.api.model;

import java.util.List;
import java.util.Locale;
import nnj.api.layers.Layer;
import nnj.api.layers.Parameter;
import nnj.api.layers.Sequential;

/**
 * The text of {@link Sequential#summary()}: one row per layer with its output width per sample
 * and its parameter count, then the totals, as Keras's {@code model.summary()} shows them.
 *
 * <pre>
 *   #  layer      output   parameters
 *   0  Dense(64 → 128)   128        8,320
 *   1  ReLU              128            0
 * </pre>
 */
public final class ModelSummary {
    private ModelSummary() {
    }

    /** The summary of {@code model}; widths are "?" when the first layer does not fix the input. */
    public static String of(Sequential model) {
        List<Layer> layers = model.layers();
        String[][] rows = new String[layers.size()][];
        int width = model.inputWidth();
        int typeWidth = "layer".length();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            width = width < 0 ? -1 : l.outputWidth(width);
            long params = 0;
            for (Parameter p : l.parameters()) {
                params += p.shape().size();
            }
            rows[i] = new String[] {Integer.toString(i), l.toString(), width < 0 ? "?" : Integer.toString(width),
                String.format(Locale.ROOT, "%,d", params)};
            typeWidth = Math.max(typeWidth, rows[i][1].length());
        }
        String format = "%3s  %-" + typeWidth + "s  %8s  %12s%n";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, format, "#", "layer", "output", "parameters"));
        for (String[] r : rows) {
            sb.append(String.format(Locale.ROOT, format, (Object[]) r));
        }
        sb.append(String.format(Locale.ROOT, "input %s features per sample; %,d parameters in all%n",
                model.inputWidth() < 0 ? "?" : Integer.toString(model.inputWidth()), model.parameterCount()));
        return sb.toString();
    }
}
