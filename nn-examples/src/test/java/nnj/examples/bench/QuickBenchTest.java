package nnj.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nnj.examples.bench.QuickBench.Clock;
import org.junit.jupiter.api.Test;

/** The harness's bookkeeping: who runs when and how often, and the statistics. Never a speed. */
class QuickBenchTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, QuickBench.median(new double[] {3, 1, 2}));
        assertEquals(2.5, QuickBench.median(new double[] {4, 1, 3, 2}));
        assertEquals(1.0, QuickBench.min(new double[] {4, 1, 3}));
    }

    @Test
    void repetitionsFillTheTargetTimeAndStayInBounds() {
        assertEquals(200, QuickBench.repetitions(1_000_000L, 200_000_000L));
        assertEquals(1, QuickBench.repetitions(5_000_000_000L, 200_000_000L), "a call longer than the target");
        assertEquals(1_000_000, QuickBench.repetitions(0, 200_000_000L), "a call too short to see");
    }

    @Test
    void everyContenderRunsItsRepetitionsEveryRoundInARotatingOrder() {
        List<Integer> order = new ArrayList<>();
        List<Runnable> group = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int id = i;
            group.add(() -> order.add(id));
        }
        int[] reps = {1, 2, 3};
        List<Integer> rounds = new ArrayList<>();
        Map<Clock, double[][][]> out = QuickBench.interleave(List.of(group), new int[][] {reps}, 3,
                List.of(Clock.WALL, Clock.THREAD_CPU), rounds::add);
        // round 0 runs 0,1,2; round 1 starts at 1; round 2 at 2; each contender as often as its repetitions
        assertEquals(List.of(0, 1, 1, 2, 2, 2, 1, 1, 2, 2, 2, 0, 2, 2, 2, 0, 1, 1), order);
        assertEquals(List.of(0, 1, 2), rounds);
        assertEquals(2, out.size(), "only the clocks asked for");
        double[][][] wall = out.get(Clock.WALL);
        assertEquals(1, wall.length);
        assertEquals(3, wall[0].length);
        for (double[] perRound : wall[0]) {
            assertEquals(3, perRound.length);
            for (double nanos : perRound) {
                assertTrue(nanos >= 0, "nanoseconds per call " + nanos);
            }
        }
    }

    @Test
    void warmUpMakesAtLeastItsMinimumCallsAndEnds() {
        int[] calls = {0};
        long best = QuickBench.warmUp(() -> calls[0]++, new QuickBench.Warmup(1_000_000L, 1_000_000L, 100_000_000L, 50));
        assertTrue(calls[0] >= 50, calls[0] + " calls");
        assertTrue(best >= 0 && best < 100_000_000L, "best call " + best + " ns");
    }
}
