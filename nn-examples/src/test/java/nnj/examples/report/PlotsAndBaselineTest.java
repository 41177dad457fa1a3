package nnj.examples.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsAndBaselineTest {

    @Test
    void chartsAreWrittenAsReadablePngsWithNoTempFilesLeft(@TempDir Path dir) throws Exception {
        Path loss = dir.resolve("loss.png");
        Plots.perEpoch(loss, "loss", "loss", new double[] {1.0, 0.5, 0.3}, new double[] {1.1, 0.6, 0.4});
        Path cm = dir.resolve("confusion.png");
        Plots.confusionMatrix(cm, "confusion", new int[][] {{5, 1}, {0, 7}}, List.of("a", "b"));
        Path fit = dir.resolve("fit.png");
        Plots.fittedCurve(fit, "sine", new double[] {0, 0.5, 1}, new double[] {0, 1, 0},
                new double[] {0, 0.25, 0.5, 0.75, 1}, new double[] {0, 0.7, 1, 0.7, 0});
        for (Path p : List.of(loss, cm, fit)) {
            BufferedImage img = ImageIO.read(p.toFile());
            assertTrue(img != null && img.getWidth() >= 400 && img.getHeight() >= 400, p + " is not a chart");
        }
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "temporary files were left behind");
        }
    }

    @Test
    void lossCurvesThatFallByMoreThanTenTimesGetALogAxis() {
        assertTrue(Plots.spansDecades(new double[] {1.0, 0.2, 0.05}, null), "20× fall");
        assertFalse(Plots.spansDecades(new double[] {1.0, 0.5, 0.3}, new double[] {1.1, Double.NaN, 0.4}), "under 10×");
        assertFalse(Plots.spansDecades(new double[] {1.0, 0.0, 0.001}, null), "a zero cannot go on a log axis");
    }

    @Test
    void olsRecoversExactLinearCoefficients() {
        // y = 3 + 2·x₀ − x₁ exactly, so least squares must return those coefficients.
        double[][] x = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {2, 3}, {-1, 4}};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 3 + 2 * x[i][0] - x[i][1];
        }
        OlsBaseline ols = OlsBaseline.fit(x, y);
        assertArrayEquals(y, ols.predict(x), 1e-9);
        assertEquals(3 + 2 * 10 - 5, ols.predict(new double[] {10, 5}), 1e-9);
    }

    @Test
    void olsExplainsCollinearFeatures() {
        double[][] x = {{1, 2}, {2, 4}, {3, 6}, {4, 8}, {5, 10}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OlsBaseline.fit(x, new double[] {1, 2, 3, 4, 5}));
        assertTrue(e.getMessage().contains("collinear"), e.getMessage());
    }
}
