package nnj.data.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import nnj.api.io.MalformedModelFileException;
import nnj.api.train.Checkpoint;

/**
 * Fuzzes the checkpoint reader: a model file plus optimizer state, step, epoch and history. Any
 * outcome but a read checkpoint or a {@link MalformedModelFileException} with a clean one-line
 * message is a finding. Seeds in {@code CheckpointFuzzTestInputs/}.
 */
class CheckpointFuzzTest {
    @FuzzTest(maxDuration = "12m", maxExecutions = 1_100_000)
    void readCheckpoint(byte[] input) throws IOException {
        Path f = FuzzFiles.write("run.ckpt.safetensors", input);
        try {
            Checkpoint ck = Checkpoint.read(f);
            ck.history();
        } catch (MalformedModelFileException e) {
            FuzzFiles.assertCleanMessage(e, input);
        }
    }
}
