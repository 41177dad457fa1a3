package nnj.api.init;

import java.util.Locale;
import java.util.Random;

/**
 * The standard initialisers.
 *
 * <table>
 *   <caption>Distributions (fan_in, fan_out of the layer)</caption>
 *   <tr><th>name</th><th>distribution</th><th>use before</th></tr>
 *   <tr><td>he_normal</td><td>N(0, σ²), σ = √(2 / fan_in)</td><td>ReLU</td></tr>
 *   <tr><td>he_uniform</td><td>U(−a, a), a = √(6 / fan_in)</td><td>ReLU</td></tr>
 *   <tr><td>xavier_normal</td><td>N(0, σ²), σ = √(2 / (fan_in + fan_out))</td><td>tanh, sigmoid</td></tr>
 *   <tr><td>xavier_uniform</td><td>U(−a, a), a = √(6 / (fan_in + fan_out))</td><td>tanh, sigmoid</td></tr>
 *   <tr><td>lecun_normal</td><td>N(0, σ²), σ = √(1 / fan_in)</td><td>SELU, linear</td></tr>
 *   <tr><td>zeros, constant</td><td>every value the same</td><td>biases</td></tr>
 * </table>
 * Note σ = √(2/fan_in) for He: the square root matters (σ = 2/fan_in is far too small for wide layers).
 *
 * <p>The initialisers returned are stateless and thread-safe.
 */
public final class Initializers {
    private Initializers() {
    }

    /** He (Kaiming) normal: N(0, 2/fan_in), for layers before ReLU. */
    public static Initializer heNormal() {
        return new Gaussian("he_normal", 2, 0);
    }

    /** He uniform: U(−√(6/fan_in), √(6/fan_in)). */
    public static Initializer heUniform() {
        return new Uniform("he_uniform", 6, 0);
    }

    /** Xavier (Glorot) normal: N(0, 2/(fan_in + fan_out)), for layers before tanh or sigmoid. */
    public static Initializer xavierNormal() {
        return new Gaussian("xavier_normal", 2, 1);
    }

    /** Xavier (Glorot) uniform: U(−a, a) with a = √(6/(fan_in + fan_out)). */
    public static Initializer xavierUniform() {
        return new Uniform("xavier_uniform", 6, 1);
    }

    /** LeCun normal: N(0, 1/fan_in). */
    public static Initializer lecunNormal() {
        return new Gaussian("lecun_normal", 1, 0);
    }

    /** LeCun uniform: U(−√(3/fan_in), √(3/fan_in)). */
    public static Initializer lecunUniform() {
        return new Uniform("lecun_uniform", 3, 0);
    }

    /** Every value 0 (the default for biases). */
    public static Initializer zeros() {
        return constant(0f);
    }

    /** Every value {@code value}. */
    public static Initializer constant(float value) {
        return new Initializer() {
            @Override
            public void fill(float[] values, int fanIn, int fanOut, Random random) {
                java.util.Arrays.fill(values, value);
            }

            @Override
            public String name() {
                return value == 0f ? "zeros" : "constant(" + value + ")";
            }
        };
    }

    /**
     * The default for a layer followed by an activation of this type: He normal before ReLU and
     * LeakyReLU, Xavier normal before tanh, sigmoid, softmax or nothing (output logits).
     */
    public static Initializer forActivation(String nextLayerType) {
        if ("ReLU".equals(nextLayerType) || "LeakyReLU".equals(nextLayerType)) {
            return heNormal();
        }
        return xavierNormal();
    }

    /** An initialiser by its name ({@code he_normal}, {@code xavier_uniform}, ...). */
    public static Initializer named(String name) {
        switch (name.toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "he_normal": return heNormal();
            case "he_uniform": return heUniform();
            case "xavier_normal": case "glorot_normal": return xavierNormal();
            case "xavier_uniform": case "glorot_uniform": return xavierUniform();
            case "lecun_normal": return lecunNormal();
            case "lecun_uniform": return lecunUniform();
            case "zeros": return zeros();
            default:
                throw new IllegalArgumentException("unknown initialiser '" + name + "'; use one of he_normal, "
                        + "he_uniform, xavier_normal, xavier_uniform, lecun_normal, lecun_uniform, zeros");
        }
    }

    /** Variance = scale / (fan_in + fanOutWeight·fan_out). */
    private static double variance(double scale, int fanOutWeight, int fanIn, int fanOut) {
        double fan = fanIn + (double) fanOutWeight * fanOut;
        if (fan <= 0) {
            throw new IllegalArgumentException("an initialiser needs fan_in > 0, got fan_in " + fanIn);
        }
        return scale / fan;
    }

    private static final class Gaussian implements Initializer {
        private final String name;
        private final double scale;
        private final int fanOutWeight;

        Gaussian(String name, double scale, int fanOutWeight) {
            this.name = name;
            this.scale = scale;
            this.fanOutWeight = fanOutWeight;
        }

        @Override
        public void fill(float[] values, int fanIn, int fanOut, Random random) {
            double sigma = Math.sqrt(variance(scale, fanOutWeight, fanIn, fanOut));
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (sigma * random.nextGaussian());
            }
        }

        @Override
        public String name() {
            return name;
        }
    }

    /** U(−a, a) with a = √(scale / fan), so the variance is scale / (3·fan). */
    private static final class Uniform implements Initializer {
        private final String name;
        private final double scale;
        private final int fanOutWeight;

        Uniform(String name, double scale, int fanOutWeight) {
            this.name = name;
            this.scale = scale;
            this.fanOutWeight = fanOutWeight;
        }

        @Override
        public void fill(float[] values, int fanIn, int fanOut, Random random) {
            double a = Math.sqrt(variance(scale, fanOutWeight, fanIn, fanOut));
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((2 * random.nextDouble() - 1) * a);
            }
        }

        @Override
        public String name() {
            return name;
        }
    }
}
