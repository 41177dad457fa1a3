package nnj.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nnj.api.backend.Backend;
import nnj.api.backend.Backends;
import nnj.api.train.Trainer;
import org.junit.jupiter.api.Test;

/** The timed step is the benchmarked step: same calls, same results, and every phase is timed. */
class TrainStepTest {

    @Test
    void aTimedStepTrainsExactlyAsAStep() {
        Backend backend = Backends.named("naive");
        TrainStep plain = TrainStep.mlp(backend, 4, 16, 7);
        TrainStep timed = TrainStep.mlp(backend, 4, 16, 7);
        long[] nanos = new long[Trainer.STEP_PHASES.size()];
        for (int s = 0; s < 5; s++) { // past the 4 full batches: the batch index wraps the same way
            assertEquals(plain.step(), timed.timedStep(nanos), "loss of step " + s);
        }
        float[][] expected = plain.parameterValues();
        float[][] actual = timed.parameterValues();
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], "parameter " + i); // bitwise: the same calls in the same order
        }
        for (int p = 0; p < nanos.length; p++) {
            assertTrue(nanos[p] > 0, Trainer.STEP_PHASES.get(p) + " was not timed");
        }
    }
}
