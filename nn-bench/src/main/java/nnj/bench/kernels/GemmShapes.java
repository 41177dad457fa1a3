package nnj.bench.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The gemm cases the benchmarks run, written "m×k×n:XY" (X, Y = N or T for op(A), op(B)). */
public final class GemmShapes {
    private GemmShapes() {
    }

    /** Square sizes. */
    public static final List<String> SQUARES = List.of("64x64x64", "128x128x128", "256x256x256",
            "512x512x512", "1024x1024x1024");

    /**
     * The products of a 784-256-128-10 MLP at batch 128: layer 1 and 2 forward (X·W), layer 1's
     * weight gradient (Xᵀ·dY) and layer 2's input gradient (dY·Wᵀ), as op(A) m×k times op(B) k×n.
     */
    public static final List<String> MLP = List.of("128x784x256", "128x256x128", "784x128x256", "128x128x256");

    /** The four transpose variants. */
    public static final List<String> VARIANTS = List.of("NN", "TN", "NT", "TT");

    /** Every shape in every variant. */
    public static List<String> allVariants(List<String> shapes) {
        List<String> out = new ArrayList<>();
        for (String s : shapes) {
            for (String v : VARIANTS) {
                out.add(s + ":" + v);
            }
        }
        return out;
    }

    /**
     * One gemm case: op(A) is m×k, op(B) is k×n.
     *
     * @param transA whether A is stored transposed (k×m)
     * @param transB whether B is stored transposed (n×k)
     */
    public record Spec(int m, int k, int n, boolean transA, boolean transB) {
        /** Floating-point operations of one call: a multiply and an add per inner-product term. */
        public double flops() {
            return 2.0 * m * k * n;
        }

        /** "N" or "T" for each operand, e.g. "TN". */
        public String variant() {
            return (transA ? "T" : "N") + (transB ? "T" : "N");
        }

        /** How the report names it: "128×784·784×256 (Aᵀ·B)". */
        public String label() {
            String a = m + "×" + k;
            String b = k + "×" + n;
            return a + "·" + b + " " + variantLabel();
        }

        private String variantLabel() {
            switch (variant()) {
                case "TN": return "(Aᵀ·B)";
                case "NT": return "(A·Bᵀ)";
                case "TT": return "(Aᵀ·Bᵀ)";
                default: return "(A·B)";
            }
        }
    }

    /**
     * Parses "m×k×n" or "m×k×n:XY" (x or ×).
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static Spec parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('×', 'x');
        String variant = "nn";
        int colon = t.indexOf(':');
        if (colon >= 0) {
            variant = t.substring(colon + 1);
            t = t.substring(0, colon);
        }
        String[] parts = t.split("x");
        if (parts.length != 3 || !variant.matches("[nt][nt]")) {
            throw new IllegalArgumentException("gemm case '" + text
                    + "' is not of the form MxKxN or MxKxN:XY with X, Y each N or T, e.g. 128x784x256:TN");
        }
        try {
            int m = Integer.parseInt(parts[0]);
            int k = Integer.parseInt(parts[1]);
            int n = Integer.parseInt(parts[2]);
            if (m < 1 || k < 1 || n < 1) {
                throw new NumberFormatException("non-positive");
            }
            return new Spec(m, k, n, variant.charAt(0) == 't', variant.charAt(1) == 't');
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gemm case '" + text + "' needs three positive integers MxKxN");
        }
    }
}
