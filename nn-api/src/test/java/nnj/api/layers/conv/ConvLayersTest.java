package nnj.api.layers.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.layers.Dense;
import nnj.api.layers.Flatten;
import nnj.api.layers.Layer;
import nnj.api.layers.Layers;
import nnj.api.layers.Mode;
import nnj.api.layers.Parameter;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;

/** Shapes, configuration and a hand-worked forward pass of the image layers (gradients: the conformance kit). */
class ConvLayersTest {
    private final Backend backend = new NaiveBackend();

    /** The cnn preset, fed flat 28×28 images. */
    private static Sequential preset() {
        return Sequential.of(new Unflatten(1, 28, 28), new Conv2D(1, 32, 3), new ReLU(), new MaxPool2D(2),
                new Conv2D(32, 64, 3), new ReLU(), new MaxPool2D(2), new Flatten(), new Dense(64 * 7 * 7, 128),
                new ReLU(), new Dense(128, 10));
    }

    @Test
    void sequentialCarriesImageShapesLayerByLayer() {
        assertEquals(Shape.of(10), preset().outputShape(Shape.of(784)));
        assertEquals(Shape.of(8, 3, 2), new Conv2D(3, 8, 5, 3, 2, "valid", true, null).outputShape(Shape.of(3, 9, 6)));
        assertEquals(Shape.of(4, 2, 3), new MaxPool2D(3, 2).outputShape(Shape.of(4, 6, 7)));
        assertEquals(Shape.of(4), new GlobalAvgPool2D().outputShape(Shape.of(4, 6, 7)));
        // Unflatten fixes the flat input width (what predict and the trainer's checks need); a model
        // that starts with an image layer takes images of any size
        assertEquals(784, preset().inputWidth());
        assertEquals(10, preset().outputWidth());
        assertEquals(-1, Sequential.of(new Conv2D(1, 8, 3), new GlobalAvgPool2D()).inputWidth(),
                "an image layer's widths depend on the image");
    }

    @Test
    void aShapeMismatchNamesTheLayerItsTypeAndTheShape() {
        Sequential wrongChannels = Sequential.of(new Conv2D(1, 8, 3), new ReLU(), new Conv2D(4, 8, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> wrongChannels.outputShape(Shape.of(1, 10, 10)));
        assertTrue(e.getMessage().contains("layer 2 (Conv2D)") && e.getMessage().contains("(8, 10, 10)")
                && e.getMessage().contains("expects 4 input channels"), e.getMessage());

        Sequential noFlatten = Sequential.of(new Conv2D(1, 2, 3), new Dense(2 * 4 * 4, 3));
        e = assertThrows(IllegalArgumentException.class, () -> noFlatten.outputShape(Shape.of(1, 4, 4)));
        assertTrue(e.getMessage().contains("layer 1 (Dense)") && e.getMessage().contains("put a Flatten"),
                e.getMessage());

        Sequential tooSmall = Sequential.of(new MaxPool2D(2), new MaxPool2D(2), new MaxPool2D(2));
        e = assertThrows(IllegalArgumentException.class, () -> tooSmall.outputShape(Shape.of(2, 5, 5)));
        assertTrue(e.getMessage().contains("layer 2 (MaxPool2D)") && e.getMessage().contains("1×1"), e.getMessage());
    }

    @Test
    void aFlatInputToAConvolutionIsRefusedAtForward() {
        Sequential model = Sequential.of(new Conv2D(1, 2, 3)).on(backend);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(backend.tensor(2, 9), Mode.EVAL));
        assertTrue(e.getMessage().contains("layer 0") && e.getMessage().contains("(2, 9)"), e.getMessage());
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2D(1, 2, 4, 4, 1, "same", true, null));
        assertTrue(e.getMessage().contains("odd kernel sides"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2D(1, 2, 3, 3, 2, "same", true, null));
        assertTrue(e.getMessage().contains("stride 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2D(1, 2, 3, 3, 1, "full", true, null));
        assertTrue(e.getMessage().contains("\"full\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2D(0));
        assertThrows(IllegalArgumentException.class, () -> new Unflatten(0, 2, 2));
    }

    @Test
    void layersRebuildFromTheirConfiguration() {
        List<Layer> layers = List.of(new Conv2D(3, 8, 5, 3, 2, "1", false, null), new MaxPool2D(3, 2),
                new AvgPool2D(2), new GlobalAvgPool2D(), new Unflatten(3, 4, 5));
        for (Layer l : layers) {
            Layer copy = Layers.create(l.type(), l.config());
            assertEquals(l.toString(), copy.toString());
            assertEquals(l.config(), copy.config());
        }
    }

    @Test
    void convolutionParametersHaveStableNamesAndHeFanIn() {
        Sequential model = Sequential.of(new Conv2D(2, 3, 3), new ReLU(), new Conv2D(3, 4, 1, 1, 1, "valid", false,
                null));
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.2.weight"),
                model.parameters().stream().map(Parameter::name).toList());
        model.initialize(7);
        float[] w = model.parameters().get(0).values();
        double sq = 0;
        for (float v : w) {
            sq += v * v;
        }
        // He normal: variance 2 / fan-in with fan-in = in·kh·kw = 18; 54 draws, so a loose bound.
        double variance = sq / w.length;
        assertTrue(variance > 0.5 * 2 / 18 && variance < 2.0 * 2 / 18, "weight variance " + variance);
    }

    @Test
    void aSmallNetworkComputesWhatTheHandDoes() {
        // Image 1×3×3 = 1..9; kernel 2×2 [[1, 0], [0, −1]] (x[i,j] − x[i+1,j+1] = −4 everywhere), bias 1,
        // then a fused ReLU turns −3 into 0; a 3×3 "same" conv of ones sums each neighbourhood.
        Conv2D diff = new Conv2D(1, 1, 2, 2, 1, "valid", true, null);
        diff.weight().setValues(new float[] {1, 0, 0, -1});
        diff.bias().setValues(new float[] {1});
        diff.to(backend);
        Tensor x = backend.fromArray(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        assertArrayEquals(new float[] {-3, -3, -3, -3}, diff.forward(x, Mode.EVAL).toArray());

        Conv2D box = new Conv2D(1, 1, 3, 3, 1, "same", false, null);
        box.weight().setValues(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1});
        box.to(backend);
        assertArrayEquals(new float[] {12, 21, 16, 27, 45, 33, 24, 39, 28}, box.forward(x, Mode.EVAL).toArray());

        MaxPool2D pool = new MaxPool2D(2, 1);
        pool.to(backend);
        assertArrayEquals(new float[] {5, 6, 8, 9}, pool.forward(x, Mode.EVAL).toArray());
        // Each output gradient returns to its maximum: 5 → (1, 1), 6 → (1, 2), 8 → (2, 1), 9 → (2, 2).
        Tensor dx = pool.backward(backend.fromArray(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 0, 3, 4}, dx.toArray());

        GlobalAvgPool2D gap = new GlobalAvgPool2D();
        gap.to(backend);
        Tensor mean = gap.forward(x, Mode.EVAL);
        assertEquals(Shape.of(1, 1), mean.shape());
        assertArrayEquals(new float[] {5}, mean.toArray());
        float ninth = 1f / 9;
        assertArrayEquals(new float[] {ninth, ninth, ninth, ninth, ninth, ninth, ninth, ninth, ninth},
                gap.backward(backend.fromArray(new float[] {1}, 1, 1)).toArray(), 1e-7f);
    }
}
