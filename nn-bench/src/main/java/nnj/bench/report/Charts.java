package nnj.bench.report;

import nnj.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Bar charts of the report's series, written as PNG. */
public final class Charts {
    private Charts() {
    }

    /**
     * A grouped bar chart: one group per category, one bar per series, on a log axis because the
     * backends differ by orders of magnitude. Categories a series lacks are left out of that series.
     */
    public static void barChart(Path png, String title, String xTitle, String yTitle, List<String> categories,
                                List<Series> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(900, 90 * categories.size() + 200))
                .height(520).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 6 ? 30 : 0);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (Series s : series) {
            for (double v : s.over(categories)) {
                if (Double.isFinite(v) && v > 0) {
                    smallest = Math.min(smallest, v);
                    largest = Math.max(largest, v);
                }
            }
        }
        if (smallest == Double.POSITIVE_INFINITY) {
            return; // nothing to draw
        }
        // Bars start at the axis minimum; XChart anchors bars at 0, which a log axis cannot show.
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest))));
        chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(largest * 1.0001))));
        for (Series s : series) {
            List<String> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (String c : categories) {
                double v = s.get(c);
                // a bar on a log axis needs a positive value; missing cases are drawn as no bar
                xs.add(c);
                ys.add(Double.isFinite(v) && v > 0 ? v : null);
            }
            if (ys.stream().anyMatch(v -> v != null)) {
                chart.addSeries(s.name(), xs, ys);
            }
        }
        AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
