package nnj.examples.report;

import java.awt.Color;
import java.io.IOException;
import nnj.api.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG charts of a training run, drawn with XChart and written atomically. */
public final class Plots {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    static {
        System.setProperty("java.awt.headless", "true"); // charts are drawn off-screen, also on servers
    }

    private Plots() {
    }

    /**
     * One metric per epoch, for training and (when present) validation.
     *
     * @param validation may be {@code null} or empty when no validation split was used
     */
    public static void perEpoch(Path png, String title, String metric, double[] train, double[] validation)
            throws IOException {
        boolean log = spansDecades(train, validation);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(log ? metric + " (log scale)" : metric).build();
        chart.getStyler().setMarkerSize(train.length > 100 ? 0 : 5); // hundreds of markers hide the line
        chart.getStyler().setYAxisLogarithmic(log);
        chart.addSeries("train", epochs(train.length), train);
        if (validation != null && validation.length > 0) {
            chart.addSeries("validation", epochs(validation.length), validation);
        }
        save(chart, png);
    }

    /**
     * Whether the curves are positive and span more than a factor of 10, so that a linear axis
     * would flatten everything after the first epochs (a loss that falls 100× in 300 epochs).
     */
    static boolean spansDecades(double[] a, double[] b) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double[] values : new double[][] {a, b == null ? new double[0] : b}) {
            for (double v : values) {
                if (Double.isNaN(v)) {
                    continue;
                }
                if (!(v > 0)) {
                    return false;
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return max > 10 * min;
    }

    /** A confusion matrix as a heat map: rows are true classes, columns predicted classes. */
    public static void confusionMatrix(Path png, String title, int[][] counts, List<String> classNames)
            throws IOException {
        int k = counts.length;
        List<Number[]> cells = new ArrayList<>();
        for (int actual = 0; actual < k; actual++) {
            for (int predicted = 0; predicted < k; predicted++) {
                // XChart's heat map puts x along columns and y along rows; flip y so class 0 is on top.
                cells.add(new Number[] {predicted, k - 1 - actual, counts[actual][predicted]});
            }
        }
        List<String> reversed = new ArrayList<>(classNames);
        java.util.Collections.reverse(reversed);
        HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(500, 60 * k)).height(Math.max(450, 55 * k))
                .title(title).xAxisTitle("predicted").yAxisTitle("actual").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern("#,##0"); // counts: 36, not 36.0
        // No colour bar: XChart 3.8 labels it with decimals ("36.0") whatever the pattern, and each cell
        // already prints its count.
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setRangeColors(new Color[] {new Color(247, 251, 255), new Color(107, 174, 214),
            new Color(8, 48, 107)});
        chart.addSeries("count", classNames, reversed, cells);
        save(chart, png);
    }

    /**
     * A 1-D regression: the data as points and the model's prediction as a line.
     *
     * @param gridX sorted inputs at which the model was evaluated
     */
    public static void fittedCurve(Path png, String title, double[] x, double[] y, double[] gridX, double[] gridY)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("x").yAxisTitle("y").build();
        XYSeries data = chart.addSeries("data", x, y);
        data.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        data.setMarker(SeriesMarkers.CIRCLE);
        XYSeries fit = chart.addSeries("model", gridX, gridY);
        fit.setMarker(SeriesMarkers.NONE);
        fit.setLineWidth(2.5f);
        chart.getStyler().setMarkerSize(4);
        save(chart, png);
    }

    private static double[] epochs(int n) {
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = i + 1;
        }
        return e;
    }

    private static void save(Chart<?, ?> chart, Path png) throws IOException {
        AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
