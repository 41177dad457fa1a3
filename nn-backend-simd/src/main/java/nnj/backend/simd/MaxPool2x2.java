package nnj.backend.simd;

import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import nnj.api.backend.ConvGeometry;

/**
 * The CNN's 2×2, stride-2 max pool, vectorised over the flat output: with an even input height,
 * output o (counted over all planes) has its window's top-left input at
 * {@code in(o) = 2·W·⌊o / OW⌋ + 2·(o mod OW)}, so one vector of outputs reads its four window
 * corners with four gathers through a small table of those offsets, whatever the row and plane
 * boundaries (rows of 14 or 7 outputs are shorter than a 16-float vector, so a per-row loop would
 * leave most of every vector empty). The maximum is {@code max} of the four (a NaN wins, as in the
 * reference); the arg-max is the first corner in the reference's order (top left, top right, bottom
 * left, bottom right) equal to it or NaN, chosen with blends, so there is no data-dependent branch.
 *
 * <p>Threads take runs of whole planes from a counter; a run's last partial vector is recomputed as
 * the run's last full vector (outputs are pure functions of the input, so writing one twice is
 * harmless). The offset tables are kept per geometry (a CNN has two pools, and evaluation adds two
 * more batch sizes, which share the tables), so a warm call allocates nothing. Not thread-safe: one
 * caller at a time, like the backend.
 */
final class MaxPool2x2 implements WorkerPool.Job {
    private static final VectorSpecies<Float> S = VectorOps.S;
    private static final int VL = VectorOps.VL;
    /** Outputs per unit of work, at least: below that the counter costs more than the work. */
    private static final int RUN = 4096;
    /** Below this many outputs the caller pools alone. */
    private static final int PARALLEL_MIN = 1 << 13;

    /** Offsets for one plane shape: {@code rel[t] = in(t)} for t &lt; OW + VL, {@code pos[q]} = in-plane in(q mod OH·OW) as a float. */
    private static final class Tables {
        final int inW;
        final int outW;
        final int outPlane;
        final int[] rel;
        final float[] pos;

        Tables(int inW, int outW, int outPlane) {
            this.inW = inW;
            this.outW = outW;
            this.outPlane = outPlane;
            rel = new int[outW + VL];
            for (int t = 0; t < rel.length; t++) {
                rel[t] = 2 * inW * (t / outW) + 2 * (t % outW);
            }
            pos = new float[outPlane + VL];
            for (int q = 0; q < pos.length; q++) {
                int r = q % outPlane;
                pos[q] = 2 * inW * (r / outW) + 2 * (r % outW);
            }
        }
    }

    private final Tables[] tables = new Tables[8];
    private final AtomicInteger next = new AtomicInteger();
    private Tables t;
    private float[] x;
    private float[] y;
    private float[] argmax;
    private int planesPerRun;
    private int planes;

    void run(ConvGeometry g, float[] x, float[] y, float[] argmax, WorkerPool pool, int threads) {
        this.t = tables(g.inW, g.outW, g.outPlane());
        this.x = x;
        this.y = y;
        this.argmax = argmax;
        this.planes = g.n * g.inC;
        this.planesPerRun = Math.max(1, RUN / g.outPlane());
        long outputs = (long) planes * g.outPlane();
        next.set(0);
        try {
            if (pool == null || outputs < PARALLEL_MIN) {
                run(0, 1);
            } else {
                pool.run(this, Math.min(threads, pool.maxParts()));
            }
        } finally {
            this.x = null;
            this.y = null;
            this.argmax = null;
        }
    }

    private Tables tables(int inW, int outW, int outPlane) {
        int i = 0;
        for (; i < tables.length && tables[i] != null; i++) {
            Tables c = tables[i];
            if (c.inW == inW && c.outW == outW && c.outPlane == outPlane) {
                return c;
            }
        }
        Tables made = new Tables(inW, outW, outPlane);
        tables[i == tables.length ? 0 : i] = made; // more shapes than slots: replace the first
        return made;
    }

    @Override
    public void run(int part, int parts) {
        int outPlane = t.outPlane;
        for (int p = next.getAndAdd(planesPerRun); p < planes; p = next.getAndAdd(planesPerRun)) {
            int from = p * outPlane;
            int to = Math.min(planes, p + planesPerRun) * outPlane; // ≥ VL: the caller checked OH·OW ≥ VL
            int o = from;
            for (; o <= to - VL; o += VL) {
                pool(o);
            }
            if (o < to) {
                pool(to - VL);
            }
        }
    }

    /** Outputs [o, o + VL). */
    private void pool(int o) {
        Tables t = this.t;
        int w = t.inW;
        int row = o / t.outW;
        int phase = o - row * t.outW;
        int off = 2 * w * row;
        float[] x = this.x;
        FloatVector a = FloatVector.fromArray(S, x, off, t.rel, phase);
        FloatVector b = FloatVector.fromArray(S, x, off + 1, t.rel, phase);
        FloatVector c = FloatVector.fromArray(S, x, off + w, t.rel, phase);
        FloatVector d = FloatVector.fromArray(S, x, off + w + 1, t.rel, phase);
        FloatVector m = a.max(b).max(c.max(d));
        FloatVector corner = FloatVector.fromArray(S, t.pos, o % t.outPlane);
        // written out, not through a helper: a vector passed to a call C2 does not inline is boxed;
        // v != v marks a NaN (test(IS_NAN) goes through a lane conversion that C2 does not intrinsify)
        FloatVector best = corner.add(w + 1)
                .blend(corner.add(w), c.compare(VectorOperators.EQ, m).or(c.compare(VectorOperators.NE, c)));
        best = best.blend(corner.add(1), b.compare(VectorOperators.EQ, m).or(b.compare(VectorOperators.NE, b)));
        best = best.blend(corner, a.compare(VectorOperators.EQ, m).or(a.compare(VectorOperators.NE, a)));
        m.intoArray(y, o);
        best.intoArray(argmax, o);
    }
}
