package nnj.backend.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import nnj.api.Tensor;
import nnj.api.backend.Activation;
import nnj.api.backend.Backend;
import nnj.api.check.GradientCheck;
import nnj.api.data.Dataset;
import nnj.api.layers.BatchNorm;
import nnj.api.layers.Dense;
import nnj.api.layers.Flatten;
import nnj.api.layers.Layer;
import nnj.api.layers.Mode;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.api.layers.Tanh;
import nnj.api.layers.conv.AvgPool2D;
import nnj.api.layers.conv.Conv2D;
import nnj.api.layers.conv.GlobalAvgPool2D;
import nnj.api.layers.conv.MaxPool2D;
import nnj.api.layers.conv.Unflatten;
import nnj.api.optim.Adam;
import nnj.api.train.History;
import nnj.api.train.Trainer;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convolutional part of the conformance kit: the image primitives (convolution forward and
 * backward, max and average pooling, the per-channel sums and affine map of batch normalisation)
 * against the naive reference on awkward shapes (stride 2, padding, 1×1 and 5×5 kernels, non-square
 * images and kernels, odd batch and channel counts, and the cnn preset's own shapes); gradient checks
 * of every image layer and BatchNorm on the backend under test; and a tiny CNN training run that
 * must follow naive's. {@link BackendConformanceKit} extends it.
 *
 * <p>Tolerances, and why: a convolution output is a sum of K = C·kh·kw products (K' = N·OH·OW for
 * dW, O·kh·kw for dX) of inputs in [−1, 1]; float32 summation in any order is off by at most about
 * K·6e-8 of Σ|terms| ≤ K, so 1e-6·(K + 8) absolute is ample, while a wrong index or a missed
 * border is off by O(0.1). Max pooling copies values, so it must be exact, arg-max included;
 * average pooling and the channel ops allow float rounding of their sums.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ImageConformance extends LearningConformance {

    private Backend imageBackend;
    private Backend imageReference;

    @BeforeAll
    void openImageBackends() {
        imageBackend = createBackend();
        imageReference = new NaiveBackend();
    }

    @AfterAll
    void closeImageBackends() {
        imageBackend.close();
        imageReference.close();
    }

    private String who() {
        return imageBackend.name();
    }

    // ---------------------------------------------------------------------------- convolution

    /** (N, C, H, W, O, kh, kw, stride, padH, padW). */
    static Stream<Arguments> convShapes() {
        return Stream.of(
                Arguments.of(3, 5, 9, 7, 4, 3, 3, 1, 1, 1),      // "same" 3×3, odd everything
                Arguments.of(1, 3, 8, 11, 6, 5, 5, 2, 2, 2),     // 5×5, stride 2, padding 2, non-square image
                Arguments.of(2, 7, 6, 5, 3, 1, 1, 1, 0, 0),      // 1×1
                Arguments.of(3, 2, 7, 10, 5, 3, 5, 2, 0, 1),     // non-square kernel, uneven padding, stride 2
                Arguments.of(1, 1, 1, 1, 2, 1, 1, 1, 0, 0),      // a single pixel
                Arguments.of(2, 3, 4, 4, 2, 3, 3, 3, 1, 1),      // stride larger than the padding
                Arguments.of(9, 16, 12, 12, 8, 5, 5, 1, 2, 2),   // a batch a fast backend may split into groups
                Arguments.of(2, 1, 28, 28, 32, 3, 3, 1, 1, 1),   // the cnn preset's first layer
                Arguments.of(2, 32, 14, 14, 64, 3, 3, 1, 1, 1),  // and its second
                // One input channel and a 3×3 kernel again (a fast backend's direct path), in this order on
                // one backend: another image size with one output channel, then the same size with five
                // (scratch state left by an earlier geometry must not leak), padding 0 and 2, odd
                // output widths, and a batch smaller than the thread count.
                Arguments.of(3, 1, 13, 21, 1, 3, 3, 1, 0, 0),
                Arguments.of(3, 1, 13, 21, 5, 3, 3, 1, 0, 0),
                Arguments.of(2, 1, 9, 19, 4, 3, 3, 1, 2, 2),
                Arguments.of(1, 1, 6, 20, 3, 3, 3, 1, 1, 1));
    }

    @ParameterizedTest(name = "conv2d N={0} C={1} {2}×{3} → O={4} k={5}×{6} s={7} p={8}×{9}")
    @MethodSource("convShapes")
    void convolutionMatchesReference(int n, int c, int h, int w, int o, int kh, int kw, int s, int ph, int pw) {
        int oh = (h + 2 * ph - kh) / s + 1;
        int ow = (w + 2 * pw - kw) / s + 1;
        long seed = 31L * n + 7L * c + h + 3L * w + o + kh;
        float[] x = TestData.uniform(seed, n * c * h * w, -1, 1);
        float[] k = TestData.uniform(seed + 1, o * c * kh * kw, -1, 1);
        float[] b = TestData.uniform(seed + 2, o, -1, 1);
        float[] dy = TestData.uniform(seed + 3, n * o * oh * ow, -1, 1);
        int[] xs = {n, c, h, w};
        int[] ws = {o, c, kh, kw};
        int[] ys = {n, o, oh, ow};
        String geometry = " x " + Compare.shape(xs) + " w " + Compare.shape(ws) + " stride " + s + " padding " + ph
                + "×" + pw;

        Compare.Tolerance fwd = Compare.relative(1e-6 * (c * kh * kw + 8), 0);
        for (Activation act : new Activation[] {Activation.IDENTITY, Activation.RELU}) {
            for (boolean withBias : new boolean[] {true, false}) {
                Tensor yr = imageReference.tensor(ys);
                imageReference.conv2d(imageReference.fromArray(x, xs), imageReference.fromArray(k, ws),
                        withBias ? imageReference.fromArray(b, o) : null, s, ph, pw, act, yr);
                Tensor yt = imageBackend.tensor(ys);
                imageBackend.fill(yt, Float.NaN); // the output must be overwritten, not accumulated
                imageBackend.conv2d(imageBackend.fromArray(x, xs), imageBackend.fromArray(k, ws),
                        withBias ? imageBackend.fromArray(b, o) : null, s, ph, pw, act, yt);
                Compare.close(who(), "conv2d(" + act + ", bias=" + withBias + ")" + geometry, yr.toArray(),
                        yt.toArray(), ow, fwd);
            }
        }

        Tensor dxr = imageReference.tensor(xs);
        imageReference.conv2dBackwardInput(imageReference.fromArray(dy, ys), imageReference.fromArray(k, ws), s, ph, pw,
                dxr);
        Tensor dxt = imageBackend.tensor(xs);
        imageBackend.fill(dxt, Float.NaN);
        imageBackend.conv2dBackwardInput(imageBackend.fromArray(dy, ys), imageBackend.fromArray(k, ws), s, ph, pw, dxt);
        Compare.close(who(), "conv2dBackwardInput" + geometry, dxr.toArray(), dxt.toArray(), w,
                Compare.relative(1e-6 * (o * kh * kw + 8), 0));

        for (boolean withBias : new boolean[] {true, false}) {
            Tensor dwr = imageReference.tensor(ws);
            Tensor dbr = imageReference.tensor(o);
            imageReference.conv2dBackwardWeights(imageReference.fromArray(x, xs), imageReference.fromArray(dy, ys), s,
                    ph, pw, dwr, withBias ? dbr : null);
            Tensor dwt = imageBackend.tensor(ws);
            Tensor dbt = imageBackend.tensor(o);
            imageBackend.fill(dwt, Float.NaN);
            imageBackend.fill(dbt, Float.NaN);
            imageBackend.conv2dBackwardWeights(imageBackend.fromArray(x, xs), imageBackend.fromArray(dy, ys), s, ph,
                    pw, dwt, withBias ? dbt : null);
            Compare.Tolerance tol = Compare.relative(1e-6 * (n * oh * ow + 8), 0);
            Compare.close(who(), "conv2dBackwardWeights dw (bias=" + withBias + ")" + geometry, dwr.toArray(),
                    dwt.toArray(), kw, tol);
            if (withBias) {
                Compare.close(who(), "conv2dBackwardWeights db" + geometry, dbr.toArray(), dbt.toArray(), 0, tol);
            }
        }
    }

    @Test
    void convolutionRefusesShapesThatDoNotFitNamingThem() {
        Backend b = imageBackend;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.conv2d(b.tensor(2, 3, 5, 5),
                b.tensor(4, 2, 3, 3), null, 1, 1, 1, Activation.IDENTITY, b.tensor(2, 4, 5, 5)));
        assertTrue(e.getMessage().contains("(2, 3, 5, 5)") && e.getMessage().contains("(4, 2, 3, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.conv2d(b.tensor(2, 3, 5, 5), b.tensor(4, 3, 3, 3),
                null, 2, 0, 0, Activation.IDENTITY, b.tensor(2, 4, 3, 3)));
        assertTrue(e.getMessage().contains("expected output (2, 4, 2, 2)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.maxPool2d(b.tensor(1, 1, 4, 4), 2, 2, 2, b.tensor(1, 1, 3, 3),
                b.tensor(1, 1, 3, 3)));
        assertThrows(IllegalArgumentException.class, () -> b.channelSums(b.tensor(4, 3, 2, 2), null, b.tensor(4)));
    }

    // -------------------------------------------------------------------------------- pooling

    /** (N, C, H, W, pool, stride). */
    static Stream<Arguments> poolShapes() {
        return Stream.of(
                Arguments.of(3, 5, 9, 7, 2, 2),    // odd sides: the last row and column are dropped
                Arguments.of(2, 3, 8, 8, 3, 2),    // overlapping windows
                Arguments.of(1, 2, 5, 6, 2, 1),    // stride 1
                Arguments.of(2, 3, 4, 7, 4, 1),    // window as tall as the image
                Arguments.of(3, 3, 8, 9, 2, 2),    // even height, odd width: 16 outputs a plane, rows of 4
                Arguments.of(4, 32, 28, 28, 2, 2), // the cnn preset's first pool
                Arguments.of(3, 64, 14, 14, 2, 2)); // and its second
    }

    @ParameterizedTest(name = "pooling N={0} C={1} {2}×{3} pool {4} stride {5}")
    @MethodSource("poolShapes")
    void poolingMatchesReference(int n, int c, int h, int w, int pool, int s) {
        int oh = (h - pool) / s + 1;
        int ow = (w - pool) / s + 1;
        int[] xs = {n, c, h, w};
        int[] ys = {n, c, oh, ow};
        String what = " x " + Compare.shape(xs) + " pool " + pool + " stride " + s;
        float[] x = TestData.uniform(n * 13L + c + h, n * c * h * w, -1, 1);
        float[] ties = new float[x.length]; // few distinct values: the first maximum must win
        for (int i = 0; i < x.length; i++) {
            ties[i] = Math.round(x[i] * 1.5f);
        }
        float[] dy = TestData.uniform(n * 17L + w, n * c * oh * ow, -1, 1);
        for (float[] input : new float[][] {x, ties}) {
            Tensor yr = imageReference.tensor(ys);
            Tensor ar = imageReference.tensor(ys);
            imageReference.maxPool2d(imageReference.fromArray(input, xs), pool, pool, s, yr, ar);
            Tensor yt = imageBackend.tensor(ys);
            Tensor at = imageBackend.tensor(ys);
            imageBackend.maxPool2d(imageBackend.fromArray(input, xs), pool, pool, s, yt, at);
            String kind = input == ties ? " (with ties)" : "";
            Compare.close(who(), "maxPool2d" + kind + what, yr.toArray(), yt.toArray(), ow, Compare.relative(0, 0));
            Compare.close(who(), "maxPool2d arg-max" + kind + what, ar.toArray(), at.toArray(), ow,
                    Compare.relative(0, 0));
            Tensor dxr = imageReference.tensor(xs);
            imageReference.maxPool2dBackward(imageReference.fromArray(dy, ys), ar, dxr);
            Tensor dxt = imageBackend.tensor(xs);
            imageBackend.fill(dxt, Float.NaN);
            imageBackend.maxPool2dBackward(imageBackend.fromArray(dy, ys), at, dxt);
            // Overlapping windows may add one input's shares in another order.
            Compare.close(who(), "maxPool2dBackward" + kind + what, dxr.toArray(), dxt.toArray(), w,
                    Compare.relative(1e-6 * pool * pool, 0));
        }

        Tensor yr = imageReference.tensor(ys);
        imageReference.avgPool2d(imageReference.fromArray(x, xs), pool, pool, s, yr);
        Tensor yt = imageBackend.tensor(ys);
        imageBackend.avgPool2d(imageBackend.fromArray(x, xs), pool, pool, s, yt);
        Compare.close(who(), "avgPool2d" + what, yr.toArray(), yt.toArray(), ow, Compare.relative(1e-6 * pool, 1e-6));
        Tensor dxr = imageReference.tensor(xs);
        imageReference.avgPool2dBackward(imageReference.fromArray(dy, ys), pool, pool, s, dxr);
        Tensor dxt = imageBackend.tensor(xs);
        imageBackend.fill(dxt, Float.NaN);
        imageBackend.avgPool2dBackward(imageBackend.fromArray(dy, ys), pool, pool, s, dxt);
        Compare.close(who(), "avgPool2dBackward" + what, dxr.toArray(), dxt.toArray(), w,
                Compare.relative(1e-6 * pool * pool, 1e-6));
    }

    // ---------------------------------------------------------------------------- channel ops

    static Stream<Arguments> channelShapes() {
        return Stream.of(Arguments.of((Object) new int[] {5, 3}), Arguments.of((Object) new int[] {1, 7}),
                Arguments.of((Object) new int[] {3, 7, 5, 9}), Arguments.of((Object) new int[] {2, 1, 1, 33}),
                Arguments.of((Object) new int[] {64, 32, 14, 14}), Arguments.of((Object) new int[] {65, 17}));
    }

    @ParameterizedTest(name = "channel ops on {0}")
    @MethodSource("channelShapes")
    void channelOpsMatchReference(int[] shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        int c = shape[1];
        int count = size / c;
        float[] a = TestData.uniform(size, size, -1, 1);
        float[] b = TestData.uniform(size + 1L, size, -1, 1);
        float[] scale = TestData.uniform(c, c, -2, 2);
        float[] shift = TestData.uniform(c + 1L, c, -2, 2);
        String what = " on " + Compare.shape(shape);
        Compare.Tolerance sums = Compare.relative(1e-6 * (count + 8), 0);
        for (boolean product : new boolean[] {false, true}) {
            Tensor r = imageReference.tensor(c);
            imageReference.channelSums(imageReference.fromArray(a, shape), product ? imageReference.fromArray(b, shape)
                    : null, r);
            Tensor t = imageBackend.tensor(c);
            imageBackend.fill(t, Float.NaN);
            imageBackend.channelSums(imageBackend.fromArray(a, shape), product ? imageBackend.fromArray(b, shape) : null,
                    t);
            Compare.close(who(), "channelSums(b=" + (product ? "given" : "null") + ")" + what, r.toArray(), t.toArray(),
                    0, sums);
        }
        Tensor r = imageReference.tensor(shape);
        imageReference.channelAffine(imageReference.fromArray(a, shape), imageReference.fromArray(scale, c),
                imageReference.fromArray(shift, c), r);
        Tensor t = imageBackend.fromArray(a, shape); // in place
        imageBackend.channelAffine(t, imageBackend.fromArray(scale, c), imageBackend.fromArray(shift, c), t);
        Compare.close(who(), "channelAffine (in place)" + what, r.toArray(), t.toArray(), 0,
                Compare.relative(1e-6, 1e-6));
    }

    // ------------------------------------------------------------------------ gradient checks

    static Stream<Arguments> imageLayers() {
        GradientCheck.Options defaults = GradientCheck.Options.defaults();
        // Max pooling is linear between kinks; a smaller step keeps perturbations from swapping a
        // window's maximum (the inputs are random, so near-ties are rare but not impossible).
        GradientCheck.Options nearKinks = GradientCheck.Options.defaults().epsilon(1e-3f);
        return Stream.of(
                Arguments.of("Conv2D 3×3 same", (Supplier<Layer>) () -> new Conv2D(3, 4, 3), new int[] {2, 3, 5, 6},
                        defaults),
                Arguments.of("Conv2D 5×5 stride 2 padding 2 without bias", (Supplier<Layer>) () -> new Conv2D(2, 3, 5, 5,
                        2, "2", false, null), new int[] {3, 2, 7, 6}, defaults),
                Arguments.of("Conv2D 1×1", (Supplier<Layer>) () -> new Conv2D(5, 2, 1), new int[] {1, 5, 3, 4},
                        defaults),
                Arguments.of("Conv2D 3×2 valid stride 2", (Supplier<Layer>) () -> new Conv2D(2, 3, 3, 2, 2, "valid",
                        true, null), new int[] {2, 2, 7, 5}, defaults),
                Arguments.of("MaxPool2D 2", (Supplier<Layer>) () -> new MaxPool2D(2), new int[] {3, 2, 5, 6}, nearKinks),
                Arguments.of("MaxPool2D 3 stride 2", (Supplier<Layer>) () -> new MaxPool2D(3, 2), new int[] {2, 3, 7, 7},
                        nearKinks),
                Arguments.of("AvgPool2D 2 stride 1", (Supplier<Layer>) () -> new AvgPool2D(2, 1), new int[] {2, 3, 4, 5},
                        defaults),
                Arguments.of("GlobalAvgPool2D", (Supplier<Layer>) GlobalAvgPool2D::new, new int[] {3, 4, 3, 5},
                        defaults),
                Arguments.of("BatchNorm after Dense", (Supplier<Layer>) () -> new BatchNorm(5), new int[] {7, 5},
                        defaults),
                Arguments.of("BatchNorm after Conv2D", (Supplier<Layer>) () -> new BatchNorm(3), new int[] {3, 3, 4, 5},
                        defaults),
                Arguments.of("BatchNorm in evaluation", (Supplier<Layer>) () -> new BatchNorm(3), new int[] {3, 3, 2, 5},
                        GradientCheck.Options.defaults().mode(Mode.EVAL)),
                Arguments.of("CNN: Unflatten, Conv2D + fused tanh, BatchNorm, MaxPool2D, Flatten, Dense",
                        (Supplier<Layer>) () -> Sequential.of(new Unflatten(2, 6, 6), new Conv2D(2, 3, 3), new Tanh(),
                                new BatchNorm(3), new MaxPool2D(2), new Flatten(), new Dense(27, 4)),
                        new int[] {3, 72}, nearKinks));
    }

    @ParameterizedTest(name = "gradient of {0}")
    @MethodSource("imageLayers")
    void imageLayerGradientsMatchFiniteDifferences(String name, Supplier<Layer> layer, int[] inputShape,
                                                   GradientCheck.Options options) {
        GradientCheck.Report r = GradientCheck.layer(layer.get(), imageBackend, inputShape, options);
        r.assertPassed();
        assertTrue(r.checked() > 0, r.toString());
    }

    // --------------------------------------------------------------------------------- training

    /** 6×6 grey images of three classes: a bright vertical bar, horizontal bar or diagonal, plus noise. */
    static Dataset bars(int n, long seed) {
        Random r = new Random(seed);
        int side = 6;
        float[] x = new float[n * side * side];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            int at = r.nextInt(side);
            for (int p = 0; p < side; p++) {
                for (int q = 0; q < side; q++) {
                    boolean on = y[i] == 0 ? q == at : y[i] == 1 ? p == at : p == q;
                    x[i * side * side + p * side + q] = (float) ((on ? 1.0 : 0.0) + 0.3 * r.nextGaussian());
                }
            }
        }
        return Dataset.classification("bars", x, new int[] {1, side, side}, y, List.of("vertical", "horizontal",
                "diagonal"));
    }

    static Sequential cnn() {
        return Sequential.of(new Unflatten(1, 6, 6), new Conv2D(1, 4, 3), new ReLU(), new BatchNorm(4),
                new MaxPool2D(2), new Flatten(), new Dense(36, 3));
    }

    private static History trainCnn(Backend b, Sequential model) {
        return Trainer.on(b).optimizer(new Adam(1e-2f)).epochs(3).batchSize(16).seed(5).build()
                .fit(model, bars(150, 1));
    }

    @Test
    void aTinyCnnLearnsAndFollowsTheReference() {
        Sequential model = cnn();
        History h = trainCnn(imageBackend, model);
        History ref = trainCnn(new NaiveBackend(), cnn());
        double[] got = h.trainLoss();
        double[] want = ref.trainLoss();
        for (int e = 0; e < want.length; e++) {
            // Same float32 maths in other summation orders, over 3 epochs: 2e-3 relative, as for the MLP.
            assertEquals(want[e], got[e], 2e-3 * want[e], "[" + who() + "] CNN epoch " + (e + 1)
                    + " training loss, against naive");
        }
        assertTrue(got[got.length - 1] < got[0] / 2, "[" + who() + "] the CNN's loss did not fall: " + h.toCsv());
        float[] here = model.layers().get(1).parameters().get(0).values();
        assertEquals(4 * 9, here.length);
    }
}
