package nnj.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nnj.api.data.Dataset;
import nnj.api.init.Initializer;
import nnj.api.layers.Dense;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.api.optim.Adam;
import nnj.api.optim.Sgd;
import nnj.api.testing.Blobs;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {

    /** The seed notebook's initialisation: every weight uniform in (0, 1), so all positive with mean 0.5. */
    private static final Initializer UNIFORM_0_1 = new Initializer() {
        @Override
        public void fill(float[] values, int fanIn, int fanOut, Random random) {
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextFloat();
            }
        }

        @Override
        public String name() {
            return "uniform(0,1)";
        }
    };

    private static Sequential deep(Initializer init) {
        return Sequential.of(new Dense(4, 128, true, init), new ReLU(), new Dense(128, 128, true, init), new ReLU(),
                new Dense(128, 128, true, init), new ReLU(), new Dense(128, 3, true, init));
    }

    @Test
    void aUniformZeroOneInitTriggersTheHintNamingTheLayer() {
        Dataset data = Blobs.of(300, 1);
        Sequential model = deep(UNIFORM_0_1);
        List<String> lines = new ArrayList<>();
        Trainer t = Trainer.on(new NaiveBackend()).epochs(3).seed(1).listener(new Diagnostics(model, data, lines::add)).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.fit(model, data));
        // Standardised inputs give layer 0-1 a std of a few units; each 128-wide layer of positive weights
        // then multiplies the mean by about 64, so layer 4-5 is ~1e4 and the output layer 6 far above.
        String m = e.getMessage();
        assertTrue(m.startsWith("activations explode before training: layer "), m);
        assertTrue(m.matches("(?s).*layer [46](-5)? \\((dense\\+relu|dense)\\).*"), m);
        assertTrue(m.contains("uses uniform(0,1)") && m.contains("initial weights are too large"), m);
        assertTrue(m.contains("he_normal"), m);
        assertTrue(lines.get(0).startsWith("diagnose before training"), lines.toString());
        assertEquals(2 + 4, lines.size(), "a header, a column line and one row per step (3 fused dense+relu, 1 dense)");
    }

    @Test
    void activationsThatGrowButStayBelowTheLimitDrawAWarningAndTrainingGoesOn() {
        Dataset data = Blobs.of(300, 1);
        // two 128-wide layers of U(0, 1) weights: standardised inputs give layer 0-1 a few units, and
        // each further layer multiplies the mean by about 64, so layer 2-3 is in the hundreds: below
        // the 1e4 limit (no stop) but far above unit scale (a warning).
        Sequential model = Sequential.of(new Dense(4, 128, true, UNIFORM_0_1), new ReLU(),
                new Dense(128, 16, true, UNIFORM_0_1), new ReLU(), new Dense(16, 3));
        List<String> lines = new ArrayList<>();
        Trainer t = Trainer.on(new NaiveBackend()).epochs(1).seed(1).listener(new Diagnostics(model, data, lines::add)).build();
        t.fit(model, data);
        List<String> warnings = lines.stream().filter(l -> l.startsWith("warning:")).toList();
        assertEquals(1, warnings.size(), lines.toString());
        assertTrue(warnings.get(0).contains("layer 2-3") && warnings.get(0).contains("uses uniform(0,1)"), warnings.get(0));
    }

    @Test
    void aHealthyRunReportsEveryEpochAndIsNotStopped() {
        Dataset data = Blobs.of(300, 1);
        // the default He initialisation, and a dropout layer whose row the report leaves out
        Sequential model = Sequential.of(new Dense(4, 128), new ReLU(), new nnj.api.layers.Dropout(0.1f),
                new Dense(128, 128), new ReLU(), new Dense(128, 128), new ReLU(), new Dense(128, 3));
        List<String> lines = new ArrayList<>();
        Trainer t = Trainer.on(new NaiveBackend()).optimizer(new Adam(1e-3f)).epochs(3).seed(1)
                .listener(new Diagnostics(model, data, lines::add)).build();
        History h = t.fit(model, data);
        assertEquals(3, h.epochs().size());
        assertEquals(4 * 6, lines.size(), "before training and 3 epochs, 6 lines each: " + lines);
        String epoch3 = lines.get(18);
        assertTrue(epoch3.startsWith("diagnose epoch 3 (train loss"), epoch3);
        String firstRow = lines.get(20);
        assertTrue(firstRow.trim().startsWith("0-1     dense+relu"), firstRow);
        assertFalse(firstRow.trim().endsWith("-"), "trained layers have a gradient norm: " + firstRow);
        assertTrue(lines.stream().noneMatch(l -> l.contains("dropout")), "dropout rows (the identity in evaluation) are left out");
    }

    @Test
    void statisticsAreTheClosedFormForAKnownLayer() {
        // one Dense 4->2 with all weights 1 and zero bias: each output is the row sum of the standardised input
        Initializer ones = new Initializer() {
            @Override
            public void fill(float[] values, int fanIn, int fanOut, Random random) {
                java.util.Arrays.fill(values, 1f);
            }

            @Override
            public String name() {
                return "ones";
            }
        };
        Dataset data = Blobs.of(90, 3);
        Sequential model = Sequential.of(new Dense(4, 3, false, ones));
        List<String> lines = new ArrayList<>();
        Trainer t = Trainer.on(new NaiveBackend()).epochs(1).validationSplit(0).seed(1)
                .listener(new Diagnostics(model, data, lines::add)).build();
        t.fit(model, data);
        float[] z = model.metadata().normalization().transform(data).featureArray();
        float[] sums = new float[90 * 3];
        for (int i = 0; i < 90; i++) {
            float s = z[4 * i] + z[4 * i + 1] + z[4 * i + 2] + z[4 * i + 3];
            sums[3 * i] = s;
            sums[3 * i + 1] = s;
            sums[3 * i + 2] = s;
        }
        // before training the weights are exactly 1: the table's std is the std of the row sums (4 significant digits)
        String row = lines.get(2).trim();
        String expected = String.format(java.util.Locale.ROOT, "%.4g", Diagnostics.std(sums));
        assertEquals(expected, row.split("\\s+")[3], row);
    }

    @Test
    void aNonFiniteLossStopsWithAClearMessageWithoutDiagnostics() {
        Dataset data = Blobs.of(300, 1);
        Trainer t = Trainer.on(new NaiveBackend()).optimizer(new Sgd(1e8f)).epochs(5).seed(1).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.fit(deep(null), data));
        assertTrue(e.getMessage().startsWith("the training loss became "), e.getMessage());
        assertTrue(e.getMessage().contains("Lower the learning rate") && e.getMessage().contains("Diagnostics listener") && !e.getMessage().contains("--diagnose"), e.getMessage());
    }

    @Test
    void withDiagnosticsANonFiniteLossNamesTheLayer() {
        Dataset data = Blobs.of(300, 1);
        Sequential model = deep(null);
        List<String> lines = new ArrayList<>();
        Trainer t = Trainer.on(new NaiveBackend()).optimizer(new Sgd(1e8f)).epochs(5).seed(1)
                .listener(new Diagnostics(model, data, lines::add)).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.fit(model, data));
        String m = e.getMessage();
        assertTrue(m.startsWith("the training loss became "), m);
        assertTrue(m.contains(": layer ") || m.contains("overflowed"), m);
        assertTrue(m.contains("learning rate"), "weights were healthy before training, so the rate is blamed: " + m);
    }
}
